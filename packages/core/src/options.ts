import { systemClock } from './clock.js'
import { ConfigurationError } from './errors.js'
import { silentLogger } from './logger.js'
import { defaultRetry, type RetryPolicy } from './retry.js'
import { MemoryTokenStore } from './store/memory.js'
import type { Clock, Logger, TokenManagerOptions, TokenStore } from './types.js'

/** TokenManagerOptions with defaults filled in and numbers checked. */
export interface ResolvedOptions {
  store: TokenStore
  /** The manager made the store (so it closes it). */
  ownStore: boolean
  skewMs: number
  refreshAheadRatio: number
  timeoutMs: number
  retry: RetryPolicy
  failureCooldownMs: number
  defaultLifetimeSeconds: number
  allowInsecureHttp: boolean
  clock: Clock
  fetch: typeof globalThis.fetch
  logger: Logger
  random: () => number
}

/** @throws ConfigurationError for a value out of range */
export function resolveOptions(options: TokenManagerOptions = {}): ResolvedOptions {
  const clock = options.clock ?? systemClock
  const number = (
    name: string,
    value: number | undefined,
    fallback: number,
    ok: (n: number) => boolean,
  ) => {
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
      throw new ConfigurationError(`${name} is out of range`)
    }
    return value
  }
  const positive = (n: number) => n > 0
  const notNegative = (n: number) => n >= 0
  const retry = options.retry ?? {}
  return {
    store: options.store ?? new MemoryTokenStore(() => clock.now()),
    ownStore: options.store === undefined,
    skewMs: number('skewSeconds', options.skewSeconds, 60, notNegative) * 1000,
    refreshAheadRatio: number(
      'refreshAheadRatio',
      options.refreshAheadRatio,
      0.8,
      (n) => n > 0 && n <= 1,
    ),
    timeoutMs: number('timeoutMs', options.timeoutMs, 10_000, positive),
    retry: {
      retries: number(
        'retry.retries',
        retry.retries,
        defaultRetry.retries,
        (n) => n >= 0 && Number.isInteger(n),
      ),
      minDelayMs: number(
        'retry.minDelayMs',
        retry.minDelayMs,
        defaultRetry.minDelayMs,
        notNegative,
      ),
      maxDelayMs: number(
        'retry.maxDelayMs',
        retry.maxDelayMs,
        defaultRetry.maxDelayMs,
        notNegative,
      ),
    },
    failureCooldownMs: number('failureCooldownMs', options.failureCooldownMs, 5_000, notNegative),
    defaultLifetimeSeconds: number(
      'defaultLifetimeSeconds',
      options.defaultLifetimeSeconds,
      300,
      positive,
    ),
    allowInsecureHttp: options.allowInsecureHttp === true,
    clock,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    logger: options.logger ?? silentLogger,
    random: options.random ?? Math.random,
  }
}
