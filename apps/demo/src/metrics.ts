import type { TokenManager, TokenStatus } from '@vendor-token/core'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import { keyHash, tokenRows } from './token-rows.js'

const STATES: readonly TokenStatus['state'][] = [
  'empty',
  'fetching',
  'valid',
  'refreshing',
  'expired',
  'failed',
]

/** The demo's Prometheus metrics, in a registry of their own (nothing global). */
export interface DemoMetrics {
  registry: Registry
  /** Seconds callers waited in getToken; fed by MeteredTokenManager. */
  getTokenWaits: Histogram<'vendor' | 'outcome'>
  /** Counts the manager's events and mirrors `manager.status()` at every scrape. */
  observe(manager: TokenManager): void
}

/**
 * Creates the registry: `vendor_token_fetches_total`, `vendor_token_failures_total`,
 * `vendor_token_get_token_wait_seconds`, and per vendor and key `vendor_token_state` (1 for the
 * current state) and `vendor_token_expires_in_seconds`. Labels are bounded: the vendor name, a
 * short hash of the cache key (`key_hash`, see token-rows.ts; never the raw key, whose params are
 * unbounded), states and error codes. Never a token. Fetches, state and expiry are read from
 * `manager.status()` at each scrape, like the status page, so the two always agree.
 */
export function createMetrics(): DemoMetrics {
  const registry = new Registry()
  const getTokenWaits = new Histogram({
    name: 'vendor_token_get_token_wait_seconds',
    help: 'Time a getToken call took (cache hits are well under a millisecond).',
    labelNames: ['vendor', 'outcome'] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  return { registry, getTokenWaits, observe: (manager) => observeManager(registry, manager) }
}

function observeManager(registry: Registry, manager: TokenManager): void {
  new Counter({
    name: 'vendor_token_fetches_total',
    help: 'Token requests the manager started per vendor and key (failed ones and refreshes included): the status page Fetches column.',
    labelNames: ['vendor', 'key_hash'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const row of tokenRows(manager)) {
        this.inc({ vendor: row.vendor, key_hash: row.keyHash }, row.fetches)
      }
    },
  })
  const failures = new Counter({
    name: 'vendor_token_failures_total',
    help: 'Token requests that failed after their retries, by error code.',
    labelNames: ['vendor', 'key_hash', 'code', 'background'] as const,
    registers: [registry],
  })
  manager.on('failed', ({ vendor, key, error, background }) => {
    const code = (error as { code?: unknown }).code
    failures.inc({
      vendor,
      key_hash: keyHash(key),
      code: String(code ?? 'unknown'),
      background: String(background),
    })
  })
  new Gauge({
    name: 'vendor_token_state',
    help: 'Lifecycle state per vendor and key: 1 for the current state, 0 for the others.',
    labelNames: ['vendor', 'key_hash', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const row of tokenRows(manager)) {
        for (const state of STATES) {
          this.set(
            { vendor: row.vendor, key_hash: row.keyHash, state },
            row.state === state ? 1 : 0,
          )
        }
      }
    },
  })
  new Gauge({
    name: 'vendor_token_expires_in_seconds',
    help: 'Seconds until the cached token expires (negative: expired).',
    labelNames: ['vendor', 'key_hash'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const row of tokenRows(manager)) {
        if (row.expiresInSeconds !== undefined) {
          this.set({ vendor: row.vendor, key_hash: row.keyHash }, row.expiresInSeconds)
        }
      }
    },
  })
}
