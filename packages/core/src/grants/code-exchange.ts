import { withDpopKey } from '../dpop/dpop-options.js'
import type { DpopSender } from '../dpop/dpop-sender.js'
import { withDpopProof } from '../dpop/token-request-proof.js'
import { AuthorizationCallbackError, TokenRequestRejectedError } from '../errors.js'
import { postTokenRequest } from '../http/token-request.js'
import type { TokenResponse } from '../types.js'
import type { AuthorizationCallback, SignInStepContext } from '../user-source.js'
import { checkIdToken } from './id-token.js'
import { mapOAuthResponse } from './map-response.js'
import { encodeClientRequest, type OAuthClient } from './oauth-client.js'
import type { OAuthEndpoints } from './oauth-endpoints.js'

/**
 * Step 3 of the authorization code flow (RFC 6749 4.1.3, RFC 7636 4.5): checks the callback's
 * issuer, POSTs the code with the redirect URI, the PKCE verifier and the client's
 * authentication, and checks the ID token. Sent once, never retried (a code is single use),
 * except after a DPoP `use_dpop_nonce` answer, which the server gives before using the code.
 *
 * @throws AuthorizationCallbackError `issuer_mismatch`, `code_rejected` (invalid_grant: a used,
 *   expired or foreign code, or a wrong verifier), `id_token_invalid`; the typed token endpoint
 *   errors otherwise
 */
export async function exchangeCode(
  callback: AuthorizationCallback,
  setup: {
    client: OAuthClient
    redirectUri: string
    endpoints: OAuthEndpoints
    /** RFC 9449: a proof with the source's key; a `DPoP` answer is bound to it. */
    dpop?: DpopSender | undefined
  },
  context: SignInStepContext,
): Promise<TokenResponse> {
  const { vendor } = context
  const { client, endpoints } = setup
  checkIssuer(callback.iss, endpoints, vendor)
  const dpop =
    setup.dpop === undefined ? undefined : { sender: setup.dpop, key: setup.dpop.key.signing }
  const answer = await withDpopProof(
    dpop,
    endpoints.token,
    context.clock,
    async (dpopHeaders, onResponse) => {
      const encoded = await encodeClientRequest(
        client,
        {
          grant_type: 'authorization_code',
          code: callback.code,
          redirect_uri: setup.redirectUri,
          code_verifier: callback.verifier,
        },
        { url: endpoints.token, clock: context.clock },
      )
      return postTokenRequest({
        vendor,
        url: endpoints.token,
        headers: { accept: 'application/json', ...encoded.headers, ...dpopHeaders },
        body: encoded.body,
        fetch: context.fetch,
        signal: context.signal,
        clock: context.clock,
        dispatcher: encoded.dispatcher,
        onResponse,
      })
    },
  ).catch((error: unknown) => {
    if (error instanceof TokenRequestRejectedError && error.oauthError === 'invalid_grant') {
      const message = 'the provider refused the authorization code (used, expired or not ours)'
      throw new AuthorizationCallbackError(message, {
        vendor,
        reason: 'code_rejected',
        cause: error,
      })
    }
    throw error
  })
  const mapped = mapOAuthResponse(answer.body)
  checkIdToken(mapped.idToken, {
    vendor,
    nonce: callback.nonce,
    issuer: endpoints.issuer,
    clientId: client.clientId,
  })
  return withDpopKey({ ...mapped, requestedAt: answer.sentAt }, setup.dpop?.key)
}

/** RFC 9207: the callback's `iss` must be our issuer (mix-up defence), and present if promised. */
function checkIssuer(iss: string | undefined, endpoints: OAuthEndpoints, vendor: string): void {
  if (endpoints.issuer === undefined) return
  if (iss === undefined ? endpoints.issInCallback : iss !== endpoints.issuer) {
    throw new AuthorizationCallbackError('the callback comes from another issuer', {
      vendor,
      reason: 'issuer_mismatch',
    })
  }
}
