import { TokenRequestRejectedError } from '../errors.js'
import type { SigningKey } from '../grants/signing-key.js'
import type { Clock } from '../types.js'
import type { DpopSender } from './dpop-sender.js'

/** DPoP for one token request: the source's state and the key to sign with. */
export interface TokenRequestDpop {
  sender: DpopSender
  /** The source's key, or the key a refresh token is bound to (RFC 9449 5). */
  key: SigningKey
}

/** One attempt: the DPoP headers to add, and the hook that sees the answer's DPoP-Nonce. */
export type DpopAttempt<T> = (
  dpopHeaders: Record<string, string>,
  onResponse: (response: Response) => void,
) => Promise<T>

/**
 * Runs a token request with a DPoP proof for `url` (none when `dpop` is undefined). An
 * `use_dpop_nonce` rejection (RFC 9449 8) that brought a new nonce is sent once more with it
 * (the attempt re-encodes its body, so an assertion is fresh too); never more than twice.
 */
export async function withDpopProof<T>(
  dpop: TokenRequestDpop | undefined,
  url: string,
  clock: Clock,
  attempt: DpopAttempt<T>,
): Promise<T> {
  if (dpop === undefined) return attempt({}, () => {})
  let freshNonce = false
  const once = () =>
    attempt({ dpop: dpop.sender.proof(dpop.key, 'POST', url, clock.now()) }, (response) => {
      freshNonce = dpop.sender.nonces.remember(url, response)
    })
  try {
    return await once()
  } catch (error) {
    const asksNonce =
      error instanceof TokenRequestRejectedError && error.oauthError === 'use_dpop_nonce'
    if (!asksNonce || !freshNonce) throw error
    return once()
  }
}
