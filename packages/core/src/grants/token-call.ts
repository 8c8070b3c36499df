import type { DpopSender } from '../dpop/dpop-sender.js'
import { withDpopProof } from '../dpop/token-request-proof.js'
import { postTokenRequest } from '../http/token-request.js'
import type { TokenRequestContext } from '../types.js'
import { encodeTokenRequest } from './client-auth.js'
import type { ClientAuth } from './client-auth-options.js'

/** One call of a token endpoint with the client's authentication. */
export interface TokenCall {
  url: string
  /** The issuer identifier, for `assertionAudience: 'issuer'`. */
  issuer?: string | undefined
  fields: Record<string, string>
  /** Headers besides the client authentication (Accept, the user's). */
  headers: Record<string, string>
  auth: ClientAuth
  dpop?: DpopSender | undefined
  context: Pick<TokenRequestContext, 'vendor' | 'fetch' | 'signal' | 'clock'>
}

/**
 * POSTs a token request: the client authentication encoded afresh for each attempt (a new
 * assertion `jti`), over the TLS client certificate when there is one, with a DPoP proof when
 * the source has DPoP on. An `use_dpop_nonce` answer (RFC 9449 8) that brings a new nonce is
 * retried exactly once with it; every other failure is the caller's (its retry policy).
 */
export async function callTokenEndpoint(call: TokenCall) {
  const { auth, dpop, context } = call
  const dispatcher = await auth.tls?.dispatcher()
  const audience = auth.assertionAudience === 'issuer' ? (call.issuer ?? call.url) : call.url
  const proof = dpop === undefined ? undefined : { sender: dpop, key: dpop.key.signing }
  return withDpopProof(proof, call.url, context.clock, (dpopHeaders, onResponse) => {
    const now = context.clock.now()
    const encoded = encodeTokenRequest(auth.method, call.fields, auth.material, { audience, now })
    return postTokenRequest({
      vendor: context.vendor,
      url: call.url,
      headers: { ...call.headers, ...encoded.headers, ...dpopHeaders },
      body: encoded.body,
      fetch: context.fetch,
      signal: context.signal,
      clock: context.clock,
      dispatcher,
      onResponse,
    })
  })
}
