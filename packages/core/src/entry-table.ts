import { keyOfCanonical } from './cache-key.js'
import { ConfigurationError, unknownVendor } from './errors.js'
import { type EntryDriver, type LifecycleSettings, TokenEntry } from './lifecycle.js'
import { canonicalParams } from './params.js'
import type { TokenParams, TokenSource } from './types.js'

/** The registered sources and the entry of every cache key seen so far. */
export class EntryTable {
  readonly sources = new Map<string, TokenSource>()
  readonly entries = new Map<string, TokenEntry>()
  /** vendor -> entry of `getToken(vendor)` without params: the fast path skips key building. */
  readonly defaults = new Map<string, TokenEntry>()

  constructor(
    private readonly settings: LifecycleSettings & { allowInsecureHttp: boolean },
    private readonly driver: EntryDriver,
  ) {}

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
    source.validate?.(vendor, { allowInsecureHttp: this.settings.allowInsecureHttp })
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
      entry = new TokenEntry(vendor, key, canonical, source, this.settings, this.driver)
      this.entries.set(key, entry)
    }
    if (params === undefined) this.defaults.set(vendor, entry)
    return entry
  }
}
