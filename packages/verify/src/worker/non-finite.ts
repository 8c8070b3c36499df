/** True when a JSON value holds a number JSON.parse turned into ±Infinity (e.g. `1e400`). */
function holdsNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value)
  if (typeof value !== 'object' || value === null) return false
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (holdsNonFinite(item)) return true
  }
  return false
}

/** Claims named in the refusal; other names come from the token and are not repeated. */
const NAMED = new Set(['exp', 'nbf', 'iat'])

/**
 * Why a payload is refused when a claim holds a number that is not finite (`"exp": 1e400`
 * parses as Infinity, which every `exp` comparison takes as "never expires"), or undefined.
 */
export function nonFiniteReason(payload: object): string | undefined {
  for (const [name, value] of Object.entries(payload)) {
    if (!holdsNonFinite(value)) continue
    return NAMED.has(name)
      ? `"${name}" is not a finite number`
      : 'A claim holds a non-finite number'
  }
  return undefined
}
