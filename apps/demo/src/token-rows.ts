import { diagnosticsKeyHash, type TokenManager, type TokenStatus } from '@vendor-token/core'

/**
 * One cached token as the demo shows it: the status page and the tour's summary read these
 * rows, built from `manager.status()` alone, so they cannot disagree. /metrics reads
 * `manager.status()` too (for `vendor_token_token_time_to_expiry`), labelled by the same hash.
 */
export interface TokenRow {
  vendor: string
  /** The manager's cache key (JSON of the params): shown on the page, never a metric label. */
  key: string
  /** A short, stable hash of the key: the `vendor_token_key_hash` label (bounded, reveals no params). */
  keyHash: string
  state: TokenStatus['state']
  expiresInSeconds: number | undefined
  /** Token requests the manager started for this key, failed ones and refreshes included. */
  fetches: number
  lastErrorCode: string | undefined
  lastErrorAt: number | undefined
}

/**
 * Core's key hash (12 base64url characters of SHA-256(key)): the `vendor_token.key_hash` of the
 * library's metrics and spans, so a row of the page matches its series and its traces.
 */
export function keyHash(key: string): string {
  return diagnosticsKeyHash(key)
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
