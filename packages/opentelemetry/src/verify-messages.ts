/**
 * The verify channels, read as a subscriber must read anything from a channel: defensively.
 * @vendor-token/verify defines them (src/diagnostics.ts: VerifyBatchMessage, JwksFetchMessage);
 * this package does not depend on verify, so it takes only the fields it uses, checked.
 */
export const VERIFY_CHANNEL = 'vendor-token:verify'
export const JWKS_CHANNEL = 'vendor-token:jwks'

export interface VerifyBatch {
  durationMs: number
  outcomes: Array<[outcome: string, count: number]>
}

export function readVerifyBatch(message: unknown): VerifyBatch | undefined {
  const { durationMs, outcomes } = (message ?? {}) as { durationMs?: unknown; outcomes?: unknown }
  if (typeof durationMs !== 'number' || typeof outcomes !== 'object' || outcomes === null) {
    return undefined
  }
  const counts = Object.entries(outcomes).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0,
  )
  return { durationMs, outcomes: counts }
}

export interface JwksFetch {
  outcome: string
  reason: string
}

export function readJwksFetch(message: unknown): JwksFetch | undefined {
  const { outcome, reason } = (message ?? {}) as { outcome?: unknown; reason?: unknown }
  if (typeof outcome !== 'string') return undefined
  return { outcome, reason: typeof reason === 'string' ? reason : 'unknown' }
}
