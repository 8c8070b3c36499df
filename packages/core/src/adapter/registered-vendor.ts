import { unknownVendor } from '../errors.js'

/** A manager that can say which vendors are registered (TokenManager's `sources`). */
export interface VendorRegistry {
  readonly sources?: { has(vendor: string): boolean; keys(): Iterable<string> } | undefined
}

/**
 * Checks at mount time that `vendor` is registered, so a misspelled name fails when the app
 * starts instead of answering every request 500. Register sources before mounting middleware.
 * A provider without `sources` (a test window on a manager) is not checked.
 *
 * @throws UnknownVendorError naming the vendor and the registered ones.
 * @example
 * ```ts
 * checkRegistered(manager, 'bridgeft')
 * ```
 */
export function checkRegistered(manager: VendorRegistry, vendor: string): void {
  const sources = manager.sources
  if (typeof sources?.has !== 'function' || typeof sources.keys !== 'function') return
  if (!sources.has(vendor)) throw unknownVendor(vendor, sources.keys())
}
