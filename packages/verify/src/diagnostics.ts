/**
 * The verify part of the vendor-token diagnostics contract (version 1; the table is in
 * @vendor-token/core's README). Verify stands alone (no core dependency), so its channels are
 * defined here. Fields are only added in a minor release. A message never holds a token, a
 * claim or a key: counts, durations and codes only. Nothing is built unless someone subscribes.
 */
import { channel } from 'node:diagnostics_channel'
import type { VerifyErrorCode } from './errors.js'

export const VERIFY_DIAGNOSTICS_CHANNELS = {
  verify: 'vendor-token:verify',
  jwks: 'vendor-token:jwks',
} as const

/** `vendor-token:verify`: one batch of tokens came back from a worker. */
export interface VerifyBatchMessage {
  /** Tokens in the batch. */
  readonly size: number
  /** From the batch leaving the main thread to its answers (ms). */
  readonly durationMs: number
  /** Tokens per outcome: `ok`, or the VerifyError code they were refused with. */
  readonly outcomes: Readonly<Partial<Record<'ok' | VerifyErrorCode, number>>>
}

/** `vendor-token:jwks`: one JWKS fetch ended. */
export interface JwksFetchMessage {
  /** Why: the first load, a stale key set, or a token with an unknown `kid`. */
  readonly reason: 'initial' | 'stale' | 'unknown_kid'
  /** `closed`: the verifier closed during the fetch. */
  readonly outcome: 'ok' | 'unavailable' | 'closed'
  /** Usable keys after an `ok` fetch. */
  readonly keyCount?: number
  /** The fetched set differed from the one in use. */
  readonly changed?: boolean
  readonly durationMs: number
  /** ms before another fetch may start: the backoff after a failure, else the unknown-kid cool-down. */
  readonly cooldownMs: number
}

/** Check `verifyChannel.hasSubscribers` before counting outcomes for a batch. */
export const verifyChannel = channel(VERIFY_DIAGNOSTICS_CHANNELS.verify)
const jwksChannel = channel(VERIFY_DIAGNOSTICS_CHANNELS.jwks)

export function publishVerifyBatch(message: VerifyBatchMessage): void {
  if (verifyChannel.hasSubscribers) verifyChannel.publish(message)
}

export function publishJwksFetch(message: JwksFetchMessage): void {
  if (jwksChannel.hasSubscribers) jwksChannel.publish(message)
}

/** The start of a JWKS fetch for its `durationMs`; undefined (nothing measured) without subscribers. */
export function startJwksTiming(): number | undefined {
  return jwksChannel.hasSubscribers ? performance.now() : undefined
}
