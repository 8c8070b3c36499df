import type { TokenManagerOptions } from '@vendor-token/core'

/**
 * Tighter than the defaults so the tour takes seconds: fewer, shorter retries and a 1 s
 * cool-down after a final failure (step 4); a 1 s skew and a refresh at 60% of the lifetime so
 * that the 6 s Apiture tokens of step 3 are refreshed ahead (with the default 60 s skew a token
 * stops being handed out at 75% of a short lifetime, before the 80% refresh point).
 */
export const MANAGER_OPTIONS = {
  retry: { retries: 2, minDelayMs: 100, maxDelayMs: 500 },
  failureCooldownMs: 1_000,
  timeoutMs: 3_000,
  skewSeconds: 1,
  refreshAheadRatio: 0.6,
} as const satisfies TokenManagerOptions
