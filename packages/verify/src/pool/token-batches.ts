import type { JWTPayload } from 'jose'
import { segmentBytes } from '../base64url.js'
import { deepFreeze } from '../deep-freeze.js'
import { VerifyError, type VerifyErrorCode } from '../errors.js'
import { hasDuplicateMembers } from '../json-members.js'
import type { KeySetOwner } from '../jwks/key-set-owner.js'
import type { VerifierClock } from '../options.js'
import type { HeaderInfo } from '../precheck.js'
import { SEPARATOR } from '../protocol.js'
import type { TokenCache } from '../token-cache.js'
import type { VerifiedToken } from '../types.js'
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
 * its `exp`. The payload is read here from the token itself: the worker verified exactly these
 * bytes, and parsing them is cheaper than cloning an object across threads. Duplicate claims
 * are refused here, on those same bytes.
 */
export function tokenBatches(deps: {
  pool: WorkerPool
  keys: KeySetOwner
  clock: VerifierClock
  cache: TokenCache<VerifiedToken> | undefined
}): BatchHandler<PendingToken, string, VerifiedToken> {
  const { pool, keys, clock, cache } = deps
  return {
    async dispatch(items) {
      const current = keys.current()
      if (current === undefined) throw new VerifyError('jwks_unavailable')
      const tokens = items.map((item) => item.token).join(SEPARATOR)
      let outcomes: string
      try {
        outcomes = await pool.run({ keys: current.shared, nowMs: clock.now(), tokens })
      } catch (error) {
        throw new VerifyError(
          'worker_failed',
          'A verification worker failed; the token was not judged',
          {
            cause: error,
          },
        )
      }
      return outcomes.split(SEPARATOR)
    },

    finish({ token, header, cacheKey }, outcome) {
      if (outcome !== '') throw errorFromWorker(outcome)
      const bytes = segmentBytes(token.slice(token.indexOf('.') + 1, token.lastIndexOf('.')))
      // The worker (jose) already held these bytes to strict UTF-8.
      const payload = JSON.parse(bytes.toString('utf8')) as JWTPayload
      // RFC 7519 4: JSON.parse kept the last of duplicate claims; such a token is refused.
      if (hasDuplicateMembers(bytes, payload))
        throw new VerifyError('malformed', 'duplicate claims')
      deepFreeze(payload)
      const verified: VerifiedToken = Object.freeze({ payload, protectedHeader: header.header })
      if (cacheKey !== undefined && typeof payload.exp === 'number') {
        cache?.set(cacheKey, verified, payload.exp * 1000, clock.now())
      }
      return verified
    },

    closedError: () => new VerifyError('closed'),
  }
}
