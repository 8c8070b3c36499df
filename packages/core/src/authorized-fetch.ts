import type { Token } from './token.js'
import type { Clock, SenderConstraint, TokenSource } from './types.js'

/** `init` with the token's Authorization header set (other headers kept). */
export function withAuthorization(init: RequestInit, token: Token): RequestInit {
  const headers = new Headers(init.headers)
  headers.set('authorization', token.authorization)
  return { ...init, headers }
}

/** A body that can be sent a second time (a stream cannot). */
export function isReplayable(body: RequestInit['body']): boolean {
  return !(body instanceof ReadableStream)
}

/** A source's sender constraint (DPoP, mTLS) with the manager's clock. */
export interface SenderSetup {
  constraint: SenderConstraint
  now: () => number
}

/** The sender setup of a source that constrains its tokens, else undefined (plain bearer). */
export function senderOf(source: TokenSource | undefined, clock: Clock): SenderSetup | undefined {
  const constraint = source?.sender
  return constraint === undefined ? undefined : { constraint, now: () => clock.now() }
}

/**
 * Sends a request with a token; after a 401 it drops that token (`onUnauthorized`), gets a
 * fresh one and sends once more. With a sender constraint, each send is authorized by it (DPoP
 * proof, client certificate), and a 401 asking for a new DPoP nonce (RFC 9449 9) is first sent
 * once more with the same token. Never more than one retry of each kind.
 */
export async function fetchWithToken(
  url: string | URL,
  init: RequestInit,
  fetch: typeof globalThis.fetch,
  getToken: () => Promise<Token>,
  onUnauthorized: (token: Token) => Promise<void>,
  sender?: SenderSetup,
): Promise<Response> {
  let nonceRetried = false
  const send = async (token: Token): Promise<Response> => {
    if (sender === undefined) return fetch(url, withAuthorization(init, token))
    const target = new URL(url)
    const authorized = async () =>
      fetch(url, await sender.constraint.authorize(target, init, token, sender.now()))
    const response = await authorized()
    if (!sender.constraint.observe(target, response) || nonceRetried || !isReplayable(init.body)) {
      return response
    }
    nonceRetried = true
    await response.body?.cancel().catch(() => {})
    const retried = await authorized()
    sender.constraint.observe(target, retried)
    return retried
  }
  const token = await getToken()
  const response = await send(token)
  if (response.status !== 401 || !isReplayable(init.body)) return response
  await response.body?.cancel().catch(() => {})
  await onUnauthorized(token)
  return send(await getToken())
}
