import { TokenEndpointUnavailableError } from './errors.js'
import { sleep } from './sleep.js'
import type { Clock, RetryOptions } from './types.js'

/** RetryOptions with every default filled in. */
export type RetryPolicy = Required<RetryOptions>

export const defaultRetry: RetryPolicy = { retries: 3, minDelayMs: 200, maxDelayMs: 10_000 }

/**
 * Delay before retry number `attempt` (0 = the first retry): capped exponential backoff with
 * full jitter, i.e. random in [0, min(maxDelayMs, minDelayMs * 2^attempt)). A server's
 * Retry-After wins, capped by maxDelayMs.
 *
 * @param random returns [0, 1); inject a fixed one in tests
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxDelayMs)
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** attempt)
  return Math.floor(random() * ceiling)
}

/**
 * Parses a Retry-After header (RFC 9110 10.2.3): delay seconds or an HTTP date.
 * @returns ms to wait, or undefined when absent or unreadable
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Transient failures (network, timeout, 5xx, 429, discovery) are retried; nothing else is. */
export function isTransient(error: unknown): error is TokenEndpointUnavailableError {
  return error instanceof TokenEndpointUnavailableError
}

export interface RetryContext {
  policy: RetryPolicy
  clock: Clock
  /** Aborts the sleeps (manager closed). */
  signal: AbortSignal
  random?: () => number
  /** Called before each sleep, for logs. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void
}

/** Runs `attempt` until it succeeds, fails for good, or the retries run out. */
export async function withRetry<T>(attempt: () => Promise<T>, context: RetryContext): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt()
    } catch (error) {
      if (!isTransient(error) || retry >= context.policy.retries || context.signal.aborted) {
        throw error
      }
      const delayMs = retryDelay(retry, context.policy, error.retryAfterMs, context.random)
      context.onRetry?.(error, retry, delayMs)
      await sleep(delayMs, context.clock, context.signal)
    }
  }
}
