import type { JSONWebKeySet } from 'jose'
import { VerifyError } from '../errors.js'
import { resolveKeys } from '../keys.js'
import type { SharedKeySet } from '../protocol.js'

/** One version of the key set: what the main thread checks and what the workers are handed. */
export interface KeySnapshot {
  /** The JWKS JSON in shared memory, for the workers. */
  shared: SharedKeySet
  /** Usable kids per algorithm (`''` = a header without `kid`). */
  kids: ReadonlyMap<string, ReadonlySet<string>>
  /** The serialized key set, to tell a real change from a refetch of the same keys. */
  json: string
}

/**
 * Builds a snapshot: jose resolves each (alg, kid) on the main thread once per change, so an
 * empty or unusable key set is `jwks_unavailable` before any worker sees it.
 */
export async function buildSnapshot(
  jwks: JSONWebKeySet,
  algorithms: readonly string[],
  version: number,
): Promise<KeySnapshot> {
  let resolved: Awaited<ReturnType<typeof resolveKeys>>
  try {
    resolved = await resolveKeys(jwks, algorithms)
  } catch (error) {
    throw new VerifyError('jwks_unavailable', 'The JWKS is malformed', { cause: error })
  }
  if (resolved.size === 0) {
    throw new VerifyError(
      'jwks_unavailable',
      'The JWKS has no key usable with the allowed algorithms',
    )
  }
  const kids = new Map<string, ReadonlySet<string>>()
  for (const [alg, byKid] of resolved) kids.set(alg, new Set(byKid.keys()))
  const json = JSON.stringify(jwks)
  const bytes = Buffer.from(json)
  const buffer = new SharedArrayBuffer(bytes.length)
  new Uint8Array(buffer).set(bytes)
  return { shared: { version, buffer }, kids, json }
}
