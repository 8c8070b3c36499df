import type { SigningKey } from '../grants/signing-key.js'
import type { DpopKey } from './dpop-options.js'
import { DpopNonces } from './nonces.js'
import { createDpopProof } from './proof.js'

/**
 * A source's DPoP state (RFC 9449): its key for token requests and the servers' nonces. Proofs
 * for resource requests are signed with the key the token is bound to (it may come from another
 * instance of the fleet through the store).
 */
export class DpopSender {
  readonly nonces = new DpopNonces()

  constructor(readonly key: DpopKey) {}

  /** A proof for a token request to `url` with the source's own key. */
  tokenRequestProof(url: string, now: number): string {
    return this.proof(this.key.signing, 'POST', url, now)
  }

  /** A proof for `method url`, with `ath` when an access token goes along. */
  proof(
    key: SigningKey,
    method: string,
    url: string | URL,
    now: number,
    accessToken?: string,
  ): string {
    return createDpopProof(key, {
      htm: method,
      htu: url,
      now,
      nonce: this.nonces.get(url),
      accessToken,
    })
  }
}
