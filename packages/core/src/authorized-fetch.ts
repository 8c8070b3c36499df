import type { Token } from './token.js'

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

/**
 * Sends a request with a token; after a 401 it drops that token (`onUnauthorized`), gets a
 * fresh one and sends once more. Never more than two requests.
 */
export async function fetchWithToken(
  url: string | URL,
  init: RequestInit,
  fetch: typeof globalThis.fetch,
  getToken: () => Promise<Token>,
  onUnauthorized: (token: Token) => Promise<void>,
): Promise<Response> {
  const token = await getToken()
  const response = await fetch(url, withAuthorization(init, token))
  if (response.status !== 401 || !isReplayable(init.body)) return response
  await response.body?.cancel().catch(() => {})
  await onUnauthorized(token)
  return fetch(url, withAuthorization(init, await getToken()))
}
