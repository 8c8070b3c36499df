import { KeyObject } from 'node:crypto'
import type { JSONWebKeySet } from 'jose'
import { type KeysByAlg, resolveKeys } from '../keys.js'
import type { SharedKeySet } from '../protocol.js'

/** jose's floor for RSA signatures (RFC 7518 3.3): shorter moduli are left out of the key set. */
const MIN_RSA_BITS = 2048

/**
 * A worker's keys for one key-set version: jose parses the JWKS and selects the key per
 * (alg, kid); each is then turned once into a node:crypto `KeyObject`, so every signature check
 * is a synchronous `crypto.verify` on this thread instead of a WebCrypto job on the shared libuv
 * threadpool.
 */
export async function keyObjectsFor(
  shared: SharedKeySet,
  algorithms: readonly string[],
): Promise<KeysByAlg<KeyObject>> {
  // Copy out of shared memory before decoding (TextDecoder refuses shared buffers).
  const json = Buffer.from(new Uint8Array(shared.buffer).slice()).toString('utf8')
  const resolved = await resolveKeys(JSON.parse(json) as JSONWebKeySet, algorithms)
  const result: KeysByAlg<KeyObject> = new Map()
  for (const [alg, byKid] of resolved) {
    const objects = new Map<string, KeyObject>()
    for (const [kid, cryptoKey] of byKid) {
      const key = KeyObject.from(cryptoKey)
      const bits = key.asymmetricKeyDetails?.modulusLength
      if (key.asymmetricKeyType?.startsWith('rsa') && (bits ?? 0) < MIN_RSA_BITS) continue
      objects.set(kid, key)
    }
    result.set(alg, objects)
  }
  return result
}
