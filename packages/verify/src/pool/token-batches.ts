import type { JWTPayload } from 'jose'
import { deepFreeze } from '../deep-freeze.js'
import { VerifyError, type VerifyErrorCode } from '../errors.js'
import type { KeySetOwner } from '../jwks/key-set-owner.js'
import type { VerifierClock } from '../options.js'
import type { HeaderInfo } from '../precheck.js'
import { type BatchOutcome, SEPARATOR } from '../protocol.js'
import type { TokenCache } from '../token-cache.js'
import type { VerifiedToken } from '../types.js'
import { publishBatchFailure, publishBatchOutcomes, startBatchTiming } from './batch-diagnostics.js'
import type { BatchHandler } from './batcher.js'
import type { WorkerPool } from './worker-pool.js'

/** A pre-checked token on its way to a worker. */
export interface PendingToken {
  token: string
  header: HeaderInfo
  /** Its verified-token cache key, when the cache is on. */
  cacheKey: string | undefined
}

/** Decodes a worker's `code:detail` refusal. */
function errorFromWorker(encoded: string): VerifyError {
  const colon = encoded.indexOf(':')
  if (colon < 0) return new VerifyError(encoded as VerifyErrorCode)
  return new VerifyError(encoded.slice(0, colon) as VerifyErrorCode, encoded.slice(colon + 1))
}

/**
 * Sends batches of pre-checked tokens to the pool (as one string, with the current key-set
 * reference) and turns each worker outcome into a frozen {@link VerifiedToken}, cached until
 * its `exp`. The worker sends the payloads it judged as one JSON array per batch: the payload
 * is decoded, checked and parsed there once, and here only one `JSON.parse` per batch remains.
 */
export function tokenBatches(deps: {
  pool: WorkerPool
  keys: KeySetOwner
  clock: VerifierClock
  cache: TokenCache<VerifiedToken> | undefined
}): BatchHandler<PendingToken, BatchOutcome, VerifiedToken> {
  const { pool, keys, clock, cache } = deps
  return {
    async dispatch(items) {
      const current = keys.current()
      if (current === undefined) throw new VerifyError('jwks_unavailable')
      const tokens = items.map((item) => item.token).join(SEPARATOR)
      let outcomes: string
      const startedMs = startBatchTiming()
      try {
        outcomes = await pool.run({ keys: current.shared, nowMs: clock.now(), tokens })
      } catch (error) {
        publishBatchFailure(startedMs, items.length, 'worker_failed')
        throw new VerifyError(
          'worker_failed',
          'A verification worker failed; the token was not judged',
          {
            cause: error,
          },
        )
      }
      const parsed = JSON.parse(outcomes) as BatchOutcome[]
      publishBatchOutcomes(startedMs, parsed)
      return parsed
    },

    finish({ header, cacheKey }, outcome) {
      if (typeof outcome === 'string') throw errorFromWorker(outcome)
      const payload = deepFreeze(outcome as JWTPayload)
      const verified: VerifiedToken = Object.freeze({ payload, protectedHeader: header.header })
      if (cacheKey !== undefined && typeof payload.exp === 'number') {
        cache?.set(cacheKey, verified, payload.exp * 1000, clock.now())
      }
      return verified
    },

    closedError: () => new VerifyError('closed'),
  }
}
