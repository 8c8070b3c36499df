import { createLocalJWKSet, errors, type JSONWebKeySet, type JWK } from 'jose'
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
 * How key resolution shares the event loop: it lets the loop take a turn after at most
 * `steps` lookups (one RSA import is ~0.1-0.5 ms) or `ms` of work, whichever comes first, so a
 * 2,000-key set is resolved in short slices instead of blocking for a second.
 */
export interface KeySlicing {
  steps: number
  ms: number
}

/** The main thread's slicing. */
export const KEY_SLICES: KeySlicing = { steps: 16, ms: 5 }

/** No slicing: for a worker thread, where nothing else waits for the loop while keys load. */
export const NO_SLICES: KeySlicing = {
  steps: Number.POSITIVE_INFINITY,
  ms: Number.POSITIVE_INFINITY,
}

/** Keys per jose key set when looking at the whole set (for a header without `kid`). */
const CHUNK = 64

/** Counts one step; awaits a macrotask turn (`setImmediate`) when the slice is used up. */
function slicer({ steps, ms }: KeySlicing): () => Promise<void> | undefined {
  let done = 0
  let since = performance.now()
  return () => {
    if (++done < steps && performance.now() - since < ms) return undefined
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        done = 0
        since = performance.now()
        resolve()
      }),
    )
  }
}

/**
 * Resolves every (alg, kid) pair of a JWKS with jose's own selection rules (`kty`, `alg`, `use`,
 * `key_ops`, `crv`; a pair that matches several keys is left out), leaving out RSA keys under
 * 2048 bits. Used by the main thread to know which kids exist and by each worker to build its
 * keys once per key-set change, so both see the same keys.
 *
 * A header with a `kid` only ever matches keys with that `kid` (jose's rule), so each kid is
 * resolved against its own keys (linear in the set, not quadratic), and the work is cut into
 * slices between which the event loop runs (see {@link KeySlicing}).
 *
 * @param jwks the key set; jose throws `JWKSInvalid` if it is malformed
 * @param algorithms the allowed algorithms
 * @param slicing how often to let the event loop run
 * @example const keys = await resolveKeys(jwks, ['RS256'])
 */
export async function resolveKeys(
  jwks: JSONWebKeySet,
  algorithms: readonly string[],
  slicing: KeySlicing = KEY_SLICES,
): Promise<KeysByAlg<CryptoKey>> {
  const pause = slicer(slicing)
  // A header without `kid` may match any key: jose looks at the set in chunks (each chunk is
  // copied and validated by jose, so one big copy would block the loop).
  const chunks: KeyLookup[] = [createLocalJWKSet({ keys: jwks.keys.slice(0, CHUNK) })]
  for (let i = CHUNK; i < jwks.keys.length; i += CHUNK) {
    chunks.push(createLocalJWKSet({ keys: jwks.keys.slice(i, i + CHUNK) }))
    await pause()
  }
  const byKid = new Map<string, KeyLookup>()
  for (const [kid, keys] of keysByKid(jwks.keys)) {
    byKid.set(kid, createLocalJWKSet({ keys }))
    await pause()
  }
  const result: KeysByAlg<CryptoKey> = new Map()
  for (const alg of algorithms) {
    const keys = new Map<string, CryptoKey>()
    const withoutKid = await onlyMatch(chunks, alg, pause)
    if (withoutKid !== undefined) keys.set(NO_KID, withoutKid)
    for (const [kid, getKey] of byKid) {
      const key = await getKey({ alg, kid }).catch(() => undefined) // none or several: unknown_kid
      if (key !== undefined && !isTooShort(key)) keys.set(kid, key)
      await pause()
    }
    if (keys.size > 0) result.set(alg, keys)
  }
  return result
}

type KeyLookup = ReturnType<typeof createLocalJWKSet>

/** Keys per non-empty `kid` (an empty one can never be named: the pre-check refuses it). */
function keysByKid(keys: readonly JWK[]): Map<string, JWK[]> {
  const byKid = new Map<string, JWK[]>()
  for (const jwk of keys) {
    if (typeof jwk.kid !== 'string' || jwk.kid === '') continue
    const group = byKid.get(jwk.kid)
    if (group === undefined) byKid.set(jwk.kid, [jwk])
    else group.push(jwk)
  }
  return byKid
}

/**
 * The key for a header `{ alg }` without `kid` over all chunks, as jose would pick it from the
 * whole set: only when exactly one key of the set matches (and imports), at least 2048 bits.
 */
async function onlyMatch(
  chunks: readonly KeyLookup[],
  alg: string,
  pause: () => Promise<void> | undefined,
): Promise<CryptoKey | undefined> {
  let matches = 0
  let found: CryptoKey | undefined
  for (const getKey of chunks) {
    try {
      found = await getKey({ alg })
      matches++
    } catch (error) {
      if (error instanceof errors.JWKSMultipleMatchingKeys) return undefined
      if (!(error instanceof errors.JWKSNoMatchingKey)) {
        found = undefined // one match that did not import, or an unsupported alg
        matches++
      }
    }
    if (matches > 1) return undefined
    await pause()
  }
  return found !== undefined && !isTooShort(found) ? found : undefined
}
