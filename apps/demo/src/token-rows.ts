import { createHash } from 'node:crypto'
import type { TokenManager, TokenStatus } from '@vendor-token/core'

/**
 * One cached token as the demo shows it everywhere: the status page, /metrics and the tour's
 * summary all read these rows, built from `manager.status()` alone, so they cannot disagree.
 */
export interface TokenRow {
  vendor: string
  /** The manager's cache key (JSON of the params): shown on the page, never a metric label. */
  key: string
  /** A short, stable hash of the key: the metric label (bounded, reveals no params). */
  keyHash: string
  state: TokenStatus['state']
  expiresInSeconds: number | undefined
  /** Token requests the manager started for this key, failed ones and refreshes included. */
  fetches: number
  lastErrorCode: string | undefined
  lastErrorAt: number | undefined
}

/** The first 8 hex digits of SHA-256(key): enough to tell a vendor's keys apart on a dashboard. */
export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8)
}

/** The rows of every cached token, from `manager.status()`. */
export function tokenRows(manager: Pick<TokenManager, 'status'>): TokenRow[] {
  return manager.status().map((row) => ({
    vendor: row.vendor,
    key: row.key,
    keyHash: keyHash(row.key),
    state: row.state,
    expiresInSeconds: row.expiresInSeconds,
    fetches: row.fetchCount,
    lastErrorCode: row.lastErrorCode,
    lastErrorAt: row.lastErrorAt,
  }))
}

/** Fetches per vendor, summed over its keys (what the tour's summary prints). */
export function fetchesByVendor(rows: readonly TokenRow[]): Map<string, number> {
  const totals = new Map<string, number>()
  for (const row of rows) totals.set(row.vendor, (totals.get(row.vendor) ?? 0) + row.fetches)
  return totals
}
