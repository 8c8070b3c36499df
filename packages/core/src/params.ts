import { InvalidParamsError } from './errors.js'
import type { TokenParams } from './types.js'

// RFC 6749 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ): printable ASCII without space,
// `"` or `\`.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/

/** True for one RFC 6749 3.3 scope token. */
export function isScopeToken(value: unknown): value is string {
  return typeof value === 'string' && SCOPE_TOKEN.test(value)
}

/**
 * The one scope rule, for `params.scopes` and for a source's configured scopes: a list of
 * RFC 6749 3.3 scope tokens, returned sorted and de-duplicated (two lists that ask for the
 * same scopes come out equal). `nonEmpty` for a source that must ask for at least one scope.
 *
 * @throws whatever `fail(message)` returns (InvalidParamsError, ConfigurationError)
 * @example
 * ```ts
 * checkScopes(['b', 'a', 'b'], (message) => new ConfigurationError(message)) // ['a', 'b']
 * ```
 */
export function checkScopes(
  scopes: unknown,
  fail: (message: string) => Error,
  options: { nonEmpty?: boolean } = {},
): string[] {
  if (!Array.isArray(scopes) || (options.nonEmpty === true && scopes.length === 0)) {
    throw fail(
      `scopes must be a ${options.nonEmpty === true ? 'non-empty ' : ''}list of scope strings`,
    )
  }
  if (!scopes.every(isScopeToken)) {
    throw fail('each scope must be a non-empty string without spaces, quotes or backslashes')
  }
  return [...new Set(scopes)].sort()
}

/**
 * Checks the params core knows (`scopes`, `user`) and returns a canonical copy: scopes sorted
 * and de-duplicated, `undefined` values dropped, names in order. Two params that ask for the
 * same token come out equal. Any other param (e.g. BridgeFT's `firmIds`) is the source's
 * business: its `normalizeParams` checks and orders it before this runs.
 *
 * @throws InvalidParamsError
 */
export function canonicalParams(params: TokenParams, vendor?: string): TokenParams {
  const fail = (what: string) => new InvalidParamsError(`getToken params: ${what}`, { vendor })
  const result: TokenParams = {}
  for (const name of Object.keys(params).sort()) {
    const value = params[name]
    if (value === undefined) continue
    if (name === 'scopes') {
      result.scopes = checkScopes(value, fail)
    } else if (name === 'user') {
      if (typeof value !== 'string' || value === '') throw fail('user must be a non-empty string')
      result.user = value
    } else {
      result[name] = value
    }
  }
  return result
}
