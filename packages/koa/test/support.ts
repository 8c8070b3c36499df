import { createHash, randomBytes } from 'node:crypto'
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basicCredentials, type Logger } from '@vendor-token/core'
import { completeTestLogin, type Emulator } from '@vendor-token/emulator'

/** A logger that keeps every line as text, to search it for secrets. */
export interface CapturingLogger extends Logger {
  readonly lines: string[]
  text(): string
}

export function capturingLogger(): CapturingLogger {
  const lines: string[] = []
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`)
    }
  return {
    lines,
    text: () => lines.join('\n'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  }
}

export interface RunningApp {
  url: string
  close(): Promise<void>
}

/** Serves `app` on 127.0.0.1 at a free port. */
export async function listen(app: RequestListener): Promise<RunningApp> {
  const server = createServer(app)
  // A backlog above Node's default 511: the stampede tests open 1,000 connections at once.
  await new Promise<void>((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, resolve),
  )
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Tells tokens apart in answers without putting a token in them. */
export function fingerprint(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('hex').slice(0, 16)
}

/** Tokens of the emulator's test advisor, signed in to Wealth.com (authorization code + PKCE). */
export async function signInAdvisor(
  emulator: Emulator,
  scope: string,
): Promise<{ accessToken: string; idToken: string }> {
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  const redirectUri = 'http://127.0.0.1:9/callback' // never called: the code is read from the URL
  const metadata = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string
    token_endpoint: string
  }
  const verifier = randomBytes(32).toString('base64url')
  const authorize = new URL(metadata.authorization_endpoint)
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  const code = new URL(await completeTestLogin(authorize.href)).searchParams.get('code') ?? ''
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { authorization: basicCredentials(clientId, clientSecret) },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  })
  const tokens = (await response.json()) as { access_token: string; id_token: string }
  return { accessToken: tokens.access_token, idToken: tokens.id_token }
}
