import type { TokenParams } from '@vendor-token/core'
import { InvalidParamsError } from '@vendor-token/core'

/**
 * Throws InvalidParamsError for any param (with a defined value) that this vendor cannot send,
 * so that a typo or a param meant for another vendor fails before any request instead of
 * silently giving an unscoped token.
 */
export function rejectUnsupportedParams(
  params: TokenParams,
  supported: readonly string[],
  vendor: string,
): void {
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && !supported.includes(name)) {
      const takes = supported.length === 0 ? 'no params' : `only ${supported.join(', ')}`
      throw new InvalidParamsError(`unsupported param "${name}" (takes ${takes})`, {
        vendor,
      })
    }
  }
}

/**
 * Validates OAuth scopes: a non-empty list of non-empty scope tokens (RFC 6749 3.3: no spaces,
 * no quotes or backslashes, printable ASCII). Returns them sorted and de-duplicated.
 * @throws whatever `fail(message)` returns (InvalidParamsError or ConfigurationError)
 */
export function normalizeScopes(
  scopes: unknown,
  fail: (message: string) => Error,
): readonly string[] {
  if (!Array.isArray(scopes) || scopes.length === 0) {
    throw fail('scopes must be a non-empty list of scope strings')
  }
  for (const scope of scopes) {
    // RFC 6749 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    if (typeof scope !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)) {
      throw fail('each scope must be a non-empty string without spaces, quotes or backslashes')
    }
  }
  return [...new Set(scopes as string[])].sort()
}
