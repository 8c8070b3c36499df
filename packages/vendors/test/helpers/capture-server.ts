import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request exactly as it arrived on the wire. */
export interface CapturedRequest {
  method: string
  /** Path and query. */
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** What the capture server answers. */
export interface CannedAnswer {
  status?: number
  headers?: Record<string, string>
  body: string | object
}

export interface CaptureServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  requests: CapturedRequest[]
  /** Sets how the next requests are answered. */
  answer(handler: (request: CapturedRequest, url: string) => CannedAnswer): void
  close(): Promise<void>
}

/**
 * A real HTTP server on 127.0.0.1 port 0 that records every request (method, path, headers,
 * raw body) and answers with a canned response: for asserting the exact bytes a preset sends,
 * as an independent server written from a vendor's doc would see them.
 */
export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = []
  let handler: (request: CapturedRequest, url: string) => CannedAnswer = () => ({
    status: 500,
    body: { error: 'no_answer_configured' },
  })
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const request: CapturedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    }
    requests.push(request)
    const answer = handler(request, url)
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
    res.writeHead(answer.status ?? 200, {
      'content-type': 'application/json',
      ...answer.headers,
    })
    res.end(body)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    requests,
    answer(next) {
      handler = next
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** An unsigned JWT-shaped string with `payload` (the manager decodes claims without verifying). */
export function fakeJwt(payload: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`
}
