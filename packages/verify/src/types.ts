import type { JWSHeaderParameters, JWTPayload } from 'jose'
import type { VerifyError } from './errors.js'
import type { KeySetStats } from './jwks/key-set-owner.js'

/** A verified token. Frozen: the same object may be handed to several callers by the cache. */
export interface VerifiedToken {
  payload: Readonly<JWTPayload>
  protectedHeader: Readonly<JWSHeaderParameters>
}

/** Counters for dashboards and tests. */
export interface VerifierStats {
  /** Live worker threads. */
  threads: number
  /** Worker threads started so far (above `threads` when crashed ones were replaced). */
  workersStarted: number
  /** Tokens waiting for a batch, batches at the workers, and batches sent so far. */
  queued: number
  inFlightBatches: number
  batchesSent: number
  cache: { size: number; hits: number; misses: number }
  jwks: KeySetStats
}

/** What `createVerifier` returns. */
export interface Verifier {
  /** The verified token, or rejects with a {@link VerifyError}. */
  verify(token: string): Promise<VerifiedToken>
  /** Verifies many at once (sent to the workers in batches); never rejects. */
  verifyMany(tokens: readonly string[]): Promise<Array<VerifiedToken | VerifyError>>
  stats(): VerifierStats
  /** Lets verifications in progress finish, then ends every worker thread. Idempotent. */
  close(): Promise<void>
}
