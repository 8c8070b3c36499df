import { type DpopKey, withDpopKey } from '../dpop/dpop-options.js'
import type { DpopSender } from '../dpop/dpop-sender.js'
import { withDpopProof } from '../dpop/token-request-proof.js'
import { ReauthenticationRequiredError, TokenRequestRejectedError } from '../errors.js'
import { postTokenRequest } from '../http/token-request.js'
import type { TokenRequestContext, TokenResponse } from '../types.js'
import { mapOAuthResponse } from './map-response.js'
import { encodeClientRequest, type OAuthClient } from './oauth-client.js'

/** One refresh_token grant request. */
export interface RefreshTokenRequest {
  tokenUrl: string
  refreshToken: string
  client: OAuthClient
  context: Pick<TokenRequestContext, 'vendor' | 'fetch' | 'signal' | 'clock'>
  /** RFC 9449: proofs signed with `key` (the key the held tokens are bound to, else the source's). */
  dpop?: { sender: DpopSender; key: DpopKey } | undefined
}

/**
 * The refresh_token grant (RFC 6749 6). Rotation: a new refresh token in the answer replaces the
 * old one; an answer without one keeps the old (RFC 6749 6 lets the server do either).
 * `invalid_grant` (expired, revoked, or already used) means the user must sign in again: it is
 * a ReauthenticationRequiredError (a NotSignedInError: 401, not retried) with the provider's
 * answer as its `cause`.
 *
 * @throws ReauthenticationRequiredError, or the typed token endpoint errors
 */
export async function refreshTokens(request: RefreshTokenRequest): Promise<TokenResponse> {
  const { context } = request
  const { dpop } = request
  const proof = dpop === undefined ? undefined : { sender: dpop.sender, key: dpop.key.signing }
  let answer: Awaited<ReturnType<typeof postTokenRequest>>
  try {
    answer = await withDpopProof(
      proof,
      request.tokenUrl,
      context.clock,
      async (dpopHeaders, onResponse) => {
        const encoded = await encodeClientRequest(
          request.client,
          { grant_type: 'refresh_token', refresh_token: request.refreshToken },
          { url: request.tokenUrl, clock: context.clock },
        )
        return postTokenRequest({
          vendor: context.vendor,
          url: request.tokenUrl,
          headers: { accept: 'application/json', ...encoded.headers, ...dpopHeaders },
          body: encoded.body,
          fetch: context.fetch,
          signal: context.signal,
          clock: context.clock,
          dispatcher: encoded.dispatcher,
          onResponse,
        })
      },
    )
  } catch (error) {
    if (error instanceof TokenRequestRejectedError && error.oauthError === 'invalid_grant') {
      const message =
        'the session ended (the provider refused the refresh token): the user must sign in again'
      throw new ReauthenticationRequiredError(message, {
        vendor: context.vendor,
        cause: error,
      })
    }
    throw error
  }
  const mapped = mapOAuthResponse(answer.body)
  const rotated = typeof mapped.refreshToken === 'string' && mapped.refreshToken !== ''
  const refreshed = {
    ...mapped,
    refreshToken: rotated ? mapped.refreshToken : request.refreshToken,
    requestedAt: answer.sentAt,
  }
  return withDpopKey(refreshed, dpop?.key)
}
