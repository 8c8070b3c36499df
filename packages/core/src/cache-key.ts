import { canonicalParams } from './params.js'
import type { TokenParams } from './types.js'

/**
 * The cache key of a token: the vendor and every parameter that changes the token (scopes
 * sorted, the user id, any extra, e.g. a preset's firm ids as its `normalizeParams` ordered them). A token for scope A is never served for scope B.
 *
 * @example
 * cacheKey('acme', { scopes: ['b', 'a'] }) === cacheKey('acme', { scopes: ['a', 'b'] }) // true
 * @throws InvalidParamsError for params of the wrong shape
 */
export function cacheKey(vendor: string, params: TokenParams | undefined): string {
  const canonical = params === undefined ? {} : canonicalParams(params, vendor)
  return keyOfCanonical(vendor, canonical)
}

/** The key of params that `canonicalParams` already returned. */
export function keyOfCanonical(vendor: string, canonical: TokenParams): string {
  const names = Object.keys(canonical)
  if (names.length === 0) return vendor
  // JSON keeps the parts unambiguous (a ':' in a scope cannot fake another key).
  return `${vendor}:${stableJson(canonical)}`
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
