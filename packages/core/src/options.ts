import { systemClock } from './clock.js'
import { ConfigurationError } from './errors.js'
import { stderrLogger } from './logger.js'
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
  maxEntries: number
  idleTtlMs: number
  clock: Clock
  fetch: typeof globalThis.fetch
  logger: Logger
  random: () => number
  traceUserIds: boolean
}

/** A check of a numeric option and the words that say what it allows. */
type Range = [ok: (n: number) => boolean, allowed: string]

/** @throws ConfigurationError for a value out of range, naming the option and its range */
export function resolveOptions(options: TokenManagerOptions = {}): ResolvedOptions {
  const clock = options.clock ?? systemClock
  const number = (
    name: string,
    value: number | undefined,
    fallback: number,
    [ok, range]: Range,
  ) => {
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
      const got = typeof value === 'number' ? String(value) : typeof value
      throw new ConfigurationError(`${name} is out of range: must be ${range}, got ${got}`)
    }
    return value
  }
  const positive: Range = [(n) => n > 0, 'a number > 0']
  const notNegative: Range = [(n) => n >= 0, 'a number >= 0']
  const retry = options.retry ?? {}
  return {
    store: options.store ?? new MemoryTokenStore(clock),
    ownStore: options.store === undefined,
    skewMs: number('skewSeconds', options.skewSeconds, 60, notNegative) * 1000,
    refreshAheadRatio: number('refreshAheadRatio', options.refreshAheadRatio, 0.8, [
      (n) => n > 0 && n <= 1,
      'a number > 0 and <= 1',
    ]),
    timeoutMs: number('timeoutMs', options.timeoutMs, 10_000, positive),
    retry: {
      retries: number('retry.retries', retry.retries, defaultRetry.retries, [
        (n) => n >= 0 && Number.isInteger(n),
        'an integer >= 0',
      ]),
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
    maxEntries: number('maxEntries', options.maxEntries, 10_000, [
      (n) => n >= 1 && Number.isInteger(n),
      'an integer >= 1',
    ]),
    idleTtlMs: number('idleTtlMs', options.idleTtlMs, 3_600_000, positive),
    clock,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    logger: options.logger ?? stderrLogger,
    random: options.random ?? Math.random,
    traceUserIds: options.traceUserIds === true,
  }
}
