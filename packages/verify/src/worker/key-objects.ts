import { KeyObject } from 'node:crypto'
import type { JSONWebKeySet } from 'jose'
import { type KeysByAlg, NO_SLICES, resolveKeys } from '../keys.js'
import type { SharedKeySet } from '../protocol.js'

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
  const resolved = await resolveKeys(JSON.parse(json) as JSONWebKeySet, algorithms, NO_SLICES)
  const result: KeysByAlg<KeyObject> = new Map()
  for (const [alg, byKid] of resolved) {
    const objects = new Map<string, KeyObject>()
    for (const [kid, cryptoKey] of byKid) {
      objects.set(kid, KeyObject.from(cryptoKey))
    }
    result.set(alg, objects)
  }
  return result
}
