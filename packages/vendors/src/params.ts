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
