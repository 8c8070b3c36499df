import { keyOfCanonical } from './cache-key.js'
import { ConfigurationError, unknownVendor } from './errors.js'
import { canonicalParams } from './params.js'
import { SweepTimer } from './sweep-timer.js'
import { type EntryHost, TokenEntry } from './token-entry.js'
import type { CacheStats, TokenParams, TokenSource } from './types.js'

/** Why an entry left the table. */
export type EvictionReason = 'max_entries' | 'idle'

/** The longest pause between two idle sweeps. */
const MAX_SWEEP_INTERVAL_MS = 60_000

/**
 * The registered sources and the entry of every cache key in use, bounded (docs/design.md
 * "Bounds"): past `maxEntries` the least recently used idle entry goes, and a sweep on the
 * clock removes entries idle for `idleTtlMs` past their token's expiry. An entry with a fetch
 * in flight (callers waiting) is never removed.
 *
 * Least recently used, lazily (the CLOCK approximation): a hit only writes `entry.lastUsedAt`
 * and `entry.touched` (at most once per millisecond). The map keeps entries in the order they
 * were placed; eviction walks it from the oldest, gives an entry touched since it was placed a
 * second chance (untouched, moved to the end), and evicts the first one that was not.
 */
export class EntryTable {
  readonly sources = new Map<string, TokenSource>()
  readonly entries = new Map<string, TokenEntry>()
  /** vendor -> entry of `getToken(vendor)` without params: the fast path skips key building. */
  readonly defaults = new Map<string, TokenEntry>()
  readonly #evictions = { max_entries: 0, idle: 0 }
  readonly #sweeper: SweepTimer

  constructor(
    /** What every entry shares (the manager's options among it). */
    private readonly host: EntryHost,
    /** Called after an entry was evicted (events, the manager's own store). */
    private readonly onEvict: (entry: TokenEntry, reason: EvictionReason) => void,
  ) {
    const { clock, idleTtlMs } = host.options
    const interval = Math.min(idleTtlMs, MAX_SWEEP_INTERVAL_MS)
    this.#sweeper = new SweepTimer(clock, interval, () => this.#sweepIdle())
  }

  /** @throws ConfigurationError (the source's own checks included) */
  register(vendor: string, source: TokenSource): void {
    if (typeof vendor !== 'string' || vendor === '' || vendor.includes(':')) {
      throw new ConfigurationError('vendor name must be a non-empty string without ":"')
    }
    if (this.sources.has(vendor)) {
      throw new ConfigurationError('vendor is already registered', { vendor })
    }
    if (typeof source?.requestToken !== 'function') {
      throw new ConfigurationError('source must have a requestToken function', { vendor })
    }
    source.validate?.(vendor, { allowInsecureHttp: this.host.options.allowInsecureHttp })
    this.sources.set(vendor, source)
  }

  /**
   * The entry of `vendor` + `params` (normalised by the source, then canonical), created on
   * first use.
   * @throws UnknownVendorError, InvalidParamsError
   */
  entry(vendor: string, params: TokenParams | undefined): TokenEntry {
    const source = this.sources.get(vendor)
    if (source === undefined) {
      throw unknownVendor(vendor, this.sources.keys())
    }
    if (params === undefined) {
      const entry = this.defaults.get(vendor)
      if (entry !== undefined) return entry
    }
    const normalized = source.normalizeParams?.(params ?? {}, vendor) ?? params ?? {}
    const canonical = canonicalParams(normalized, vendor)
    const key = keyOfCanonical(vendor, canonical)
    let entry = this.entries.get(key)
    if (entry === undefined) {
      if (this.entries.size >= this.host.options.maxEntries) this.#evictLeastRecentlyUsed()
      const now = this.host.options.clock.now()
      entry = new TokenEntry(vendor, key, canonical, source, this.host, now)
      this.entries.set(key, entry)
    }
    if (params === undefined) this.defaults.set(vendor, entry)
    return entry
  }

  /** After a fetch settled: the entry may now turn idle, so a sweep must come. */
  settled(): void {
    this.#sweeper.arm()
  }

  /**
   * Removes an entry that holds nothing and waits for nothing (a user who has not signed in:
   * the miss sent no request), so such misses cost no memory. Not counted as an eviction.
   */
  dropIfEmpty(entry: TokenEntry): void {
    if (entry.busy || entry.stored !== undefined || entry.token !== undefined) return
    if (this.entries.get(entry.key) === entry) this.#remove(entry)
  }

  stats(): CacheStats {
    return {
      entries: this.entries.size,
      maxEntries: this.host.options.maxEntries,
      evictions: { ...this.#evictions },
    }
  }

  /** Stops the sweep (the manager closes). */
  close(): void {
    this.#sweeper.stop()
  }

  #evictLeastRecentlyUsed(): void {
    // Each entry is looked at most twice (once more after its second chance); when every
    // entry is busy the table grows past the bound until fetches settle.
    let budget = 2 * this.entries.size
    for (const entry of this.entries.values()) {
      if (budget-- <= 0) return
      if (entry.busy || entry.touched) {
        entry.touched = false
        this.entries.delete(entry.key)
        this.entries.set(entry.key, entry)
        continue
      }
      this.#evict(entry, 'max_entries')
      return
    }
  }

  /** Returns whether entries are left (so the next sweep is needed). */
  #sweepIdle(): boolean {
    const now = this.host.options.clock.now()
    const ttl = this.host.options.idleTtlMs
    for (const entry of this.entries.values()) {
      if (entry.busy) continue
      const expiresAt = entry.stored?.expiresAt ?? Number.NEGATIVE_INFINITY
      if (now - entry.lastUsedAt >= ttl && now - expiresAt >= ttl) this.#evict(entry, 'idle')
    }
    return this.entries.size > 0
  }

  #evict(entry: TokenEntry, reason: EvictionReason): void {
    this.#remove(entry)
    this.#evictions[reason]++
    this.onEvict(entry, reason)
  }

  #remove(entry: TokenEntry): void {
    this.entries.delete(entry.key)
    if (this.defaults.get(entry.vendor) === entry) this.defaults.delete(entry.vendor)
  }
}
