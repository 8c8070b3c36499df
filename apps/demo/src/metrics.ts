import type { TokenManager, TokenStatus } from '@vendor-token/core'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'

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
 * current state) and `vendor_token_expires_in_seconds`. Label values are vendor names, cache
 * keys and error codes: never a token.
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
  const fetches = new Counter({
    name: 'vendor_token_fetches_total',
    help: 'Tokens obtained from a token endpoint (kind: fetch on demand, or background refresh).',
    labelNames: ['vendor', 'key', 'kind'] as const,
    registers: [registry],
  })
  const failures = new Counter({
    name: 'vendor_token_failures_total',
    help: 'Token requests that failed after their retries, by error code.',
    labelNames: ['vendor', 'key', 'code', 'background'] as const,
    registers: [registry],
  })
  manager.on('fetched', ({ vendor, key }) => fetches.inc({ vendor, key, kind: 'fetch' }))
  manager.on('refreshed', ({ vendor, key }) => fetches.inc({ vendor, key, kind: 'refresh' }))
  manager.on('failed', ({ vendor, key, error, background }) => {
    const code = (error as { code?: unknown }).code
    failures.inc({ vendor, key, code: String(code ?? 'unknown'), background: String(background) })
  })
  new Gauge({
    name: 'vendor_token_state',
    help: 'Lifecycle state per vendor and key: 1 for the current state, 0 for the others.',
    labelNames: ['vendor', 'key', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const row of manager.status()) {
        for (const state of STATES) {
          this.set({ vendor: row.vendor, key: row.key, state }, row.state === state ? 1 : 0)
        }
      }
    },
  })
  new Gauge({
    name: 'vendor_token_expires_in_seconds',
    help: 'Seconds until the cached token expires (negative: expired).',
    labelNames: ['vendor', 'key'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const row of manager.status()) {
        if (row.expiresInSeconds !== undefined) {
          this.set({ vendor: row.vendor, key: row.key }, row.expiresInSeconds)
        }
      }
    },
  })
}
