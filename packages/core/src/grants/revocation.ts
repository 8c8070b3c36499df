import { readBodyLimited } from '../http/read-body.js'
import type { SignInStepContext } from '../user-source.js'
import { encodeClientRequest, type OAuthClient } from './oauth-client.js'

/**
 * Revokes a token at an RFC 7009 revocation endpoint (with the client's authentication).
 * @returns true when the provider accepted it (HTTP 200)
 * @throws the fetch error (network, abort); the caller logs it without the token
 */
export async function revokeToken(
  url: string,
  token: string,
  hint: 'refresh_token' | 'access_token',
  client: OAuthClient,
  context: SignInStepContext,
): Promise<boolean> {
  const encoded = await encodeClientRequest(
    client,
    { token, token_type_hint: hint },
    { url, clock: context.clock },
  )
  const response = await context.fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', ...encoded.headers },
    body: encoded.body,
    signal: context.signal,
    redirect: 'manual', // never replay credentials to another URL
    ...(encoded.dispatcher === undefined ? {} : { dispatcher: encoded.dispatcher }),
  } as RequestInit)
  await readBodyLimited(response, 64 * 1024).catch(() => undefined)
  return response.status === 200
}
