import { ConfigurationError } from '../errors.js'
import type { SigningKey } from '../grants/signing-key.js'
import { createDpopKey, type DpopKey, type DpopOption } from './dpop-options.js'
import { DpopNonces } from './nonces.js'
import { createDpopProof } from './proof.js'
import { importDpopJwk } from './token-key.js'

/**
 * A source's DPoP state (RFC 9449): its key for token requests and the servers' nonces. Proofs
 * for resource requests are signed with the key the token is bound to (it may come from another
 * instance of the fleet through the store).
 */
export class DpopSender {
  readonly nonces = new DpopNonces()

  constructor(readonly key: DpopKey) {}

  /**
   * The key for a refresh: the one the held token set is bound to (RFC 9449 5: a public
   * client's refresh token is bound to it; it may come from another instance), else ours.
   */
  keyFor(boundJwk: JsonWebKey | undefined): DpopKey {
    return boundJwk === undefined
      ? this.key
      : { signing: importDpopJwk(boundJwk), privateJwk: boundJwk }
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

/**
 * The DPoP state of a source whose `dpop` option is on, else undefined.
 * @throws ConfigurationError naming `dpop.privateKey` (never quoting it)
 */
export function createDpopSender(
  option: DpopOption | undefined,
  vendor: string,
): DpopSender | undefined {
  try {
    const key = createDpopKey(option)
    return key === undefined ? undefined : new DpopSender(key)
  } catch (error) {
    throw new ConfigurationError((error as Error).message, { vendor })
  }
}
