import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the server answers to one request. */
export interface Answer {
  status?: number
  headers?: Record<string, string>
  /** Sent as application/json. Default for a token request: a fresh token (see tokenBody). */
  json?: unknown
  /** Sent as is (with `headers`), instead of json. */
  body?: string
  /** Never answer (until the server closes). */
  hang?: boolean
  /** Answer only once this promise resolves. */
  gate?: Promise<void>
  /** Stream this many bytes of JSON-looking garbage, chunked (no Content-Length). */
  hugeBytes?: number
  /** Destroy the connection without answering. */
  reset?: boolean
}

export type Script = Answer | ((request: RecordedRequest) => Answer)

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
  /** The body parsed as a form (empty for JSON bodies). */
  form: URLSearchParams
}

/** A programmable OAuth2 token server on 127.0.0.1 (port 0) for tests. */
export interface TokenServer {
  url: string
  /** POST here for tokens. */
  tokenUrl: string
  /** An issuer whose OIDC discovery document (GET) points at tokenUrl. */
  issuer: string
  /** Token requests, in order. */
  requests: RecordedRequest[]
  /** Discovery requests, in order. */
  discoveryRequests: RecordedRequest[]
  /** Every access token the server issued (default answers). */
  issued: string[]
  /** Queue answers for the next token requests. */
  script(...answers: Script[]): void
  /** The answer when the queue is empty (default: a fresh token, expires_in 3600). */
  setDefault(answer: Script): void
  /** Queue answers for the next discovery requests (default: the document). */
  scriptDiscovery(...answers: Script[]): void
  /** Answers of GET /resource: 200 when the bearer token is in `issued` and not revoked, else 401. */
  revoke(token?: string): void
  /** From now on GET /resource answers 401 to every token. */
  rejectAllResourceRequests(): void
  resourceRequests: RecordedRequest[]
  waitForRequests(count: number): Promise<void>
  close(): Promise<void>
}

/** A default token answer body with a unique opaque token. */
export function tokenBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    access_token: `at-${randomBytes(12).toString('hex')}`,
    token_type: 'Bearer',
    expires_in: 3600,
    ...overrides,
  }
}

/** An unsigned-looking JWT with the given payload (we only decode, never verify, in core). */
export function fakeJwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.${randomBytes(16).toString('base64url')}`
}

export async function startTokenServer(): Promise<TokenServer> {
  const requests: RecordedRequest[] = []
  const discoveryRequests: RecordedRequest[] = []
  const resourceRequests: RecordedRequest[] = []
  const issued: string[] = []
  const revoked = new Set<string>()
  let rejectAll = false
  const queue: Script[] = []
  const discoveryQueue: Script[] = []
  let fallback: Script = () => ({ json: tokenBody() })
  const waiters: Array<{ count: number; resolve: () => void }> = []

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const isForm = (req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body,
        form: new URLSearchParams(isForm ? body : ''),
      }
      if (
        recorded.path.endsWith('/.well-known/openid-configuration') ||
        recorded.path.includes('/.well-known/oauth-authorization-server')
      ) {
        discoveryRequests.push(recorded)
        const script =
          discoveryQueue.shift() ??
          (() => ({ json: { issuer: `${base}/issuer`, token_endpoint: `${base}/token` } }))
        void respond(res, typeof script === 'function' ? script(recorded) : script)
      } else if (recorded.path === '/resource') {
        resourceRequests.push(recorded)
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '')
        const ok = !rejectAll && issued.includes(token) && !revoked.has(token)
        void respond(
          res,
          ok ? { json: { ok: true } } : { status: 401, json: { error: 'invalid_token' } },
        )
      } else {
        requests.push(recorded)
        for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve()
        }
        const script = queue.shift() ?? fallback
        let answer = typeof script === 'function' ? script(recorded) : script
        const answers = !answer.hang && !answer.reset && answer.hugeBytes === undefined
        if (
          answers &&
          answer.json === undefined &&
          answer.body === undefined &&
          (answer.status ?? 200) < 300
        ) {
          answer = { ...answer, json: tokenBody() }
        }
        const token = (answer.json as { access_token?: unknown } | undefined)?.access_token
        if (answers && typeof token === 'string') issued.push(token)
        void respond(res, answer)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    tokenUrl: `${base}/token`,
    issuer: `${base}/issuer`,
    requests,
    discoveryRequests,
    resourceRequests,
    issued,
    script: (...answers) => queue.push(...answers),
    setDefault: (answer) => {
      fallback = answer
    },
    scriptDiscovery: (...answers) => discoveryQueue.push(...answers),
    rejectAllResourceRequests: () => {
      rejectAll = true
    },
    revoke: (token) => {
      for (const t of token === undefined ? issued : [token]) revoked.add(t)
    },
    waitForRequests: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function respond(res: ServerResponse, answer: Answer): Promise<void> {
  if (answer.gate !== undefined) await answer.gate
  if (answer.hang) return
  if (answer.reset) {
    res.socket?.destroy()
    return
  }
  if (answer.hugeBytes !== undefined) {
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const write = () => {
      while (sent < answer.hugeBytes! && !res.destroyed) {
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', write)
      }
      res.end()
    }
    res.on('error', () => {})
    write()
    return
  }
  const isJson = answer.body === undefined
  const fallbackJson = (answer.status ?? 200) < 300 ? tokenBody() : { error: 'server_error' }
  const text = isJson ? JSON.stringify(answer.json ?? fallbackJson) : answer.body!
  res.writeHead(answer.status ?? 200, {
    'content-type': isJson ? 'application/json' : 'text/plain',
    ...answer.headers,
  })
  res.end(text)
}

/** Resolves the returned promise's `open()` to let a gated answer go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}
