import { createLocalJWKSet, type JSONWebKeySet } from 'jose'
import { NO_KID } from './protocol.js'

/** jose's floor for RSA signatures (RFC 7518 3.3): shorter moduli are left out of the key set. */
const MIN_RSA_BITS = 2048

/** An RSA key with a modulus under 2048 bits (jose imports such keys without complaint). */
function isTooShort(key: CryptoKey): boolean {
  const { modulusLength } = key.algorithm as Partial<RsaHashedKeyAlgorithm>
  return modulusLength !== undefined && modulusLength < MIN_RSA_BITS
}

/** Verification keys by algorithm, then by `kid` ({@link NO_KID} for a header without one). */
export type KeysByAlg<K> = Map<string, Map<string, K>>

/**
 * Resolves every (alg, kid) pair of a JWKS with jose's own selection rules (`kty`, `alg`, `use`,
 * `key_ops`, `crv`; a pair that matches several keys is left out), leaving out RSA keys under
 * 2048 bits. Used by the main thread to know which kids exist and by each worker to build its
 * keys once per key-set change, so both see the same keys.
 *
 * @param jwks the key set; jose throws `JWKSInvalid` if it is malformed
 * @param algorithms the allowed algorithms
 * @example const keys = await resolveKeys(jwks, ['RS256'])
 */
export async function resolveKeys(
  jwks: JSONWebKeySet,
  algorithms: readonly string[],
): Promise<KeysByAlg<CryptoKey>> {
  const getKey = createLocalJWKSet(jwks)
  const kids = new Set<string | undefined>([undefined])
  for (const jwk of jwks.keys) if (typeof jwk.kid === 'string') kids.add(jwk.kid)
  const result: KeysByAlg<CryptoKey> = new Map()
  for (const alg of algorithms) {
    const byKid = new Map<string, CryptoKey>()
    for (const kid of kids) {
      try {
        const key = await getKey(kid === undefined ? { alg } : { alg, kid })
        if (!isTooShort(key)) byKid.set(kid ?? NO_KID, key)
      } catch {
        // No key, or several, fit this pair: a token naming it is `unknown_kid`.
      }
    }
    if (byKid.size > 0) result.set(alg, byKid)
  }
  return result
}
