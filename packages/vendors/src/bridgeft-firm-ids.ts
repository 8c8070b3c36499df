import type { TokenParams } from '@vendor-token/core'
import { InvalidParamsError } from '@vendor-token/core'
import { rejectUnsupportedParams } from './params.js'

/** Turns one firm id (a number or a digit string) into a positive safe integer, or undefined. */
function toFirmId(value: unknown): number | undefined {
  const id =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN
  return Number.isSafeInteger(id) && id > 0 ? id : undefined
}

/**
 * BridgeFT params: only `firmIds`, a non-empty list of positive integers (numbers or digit
 * strings). Returns them as numbers, sorted and de-duplicated, so that `[792, '39']` and
 * `[39, 792]` share one cache key and one token.
 * @throws InvalidParamsError before any request
 */
export function normalizeFirmIds(params: TokenParams, vendor: string): TokenParams {
  rejectUnsupportedParams(params, ['firmIds'], vendor)
  if (params.firmIds === undefined) return params
  if (!Array.isArray(params.firmIds) || params.firmIds.length === 0) {
    // An empty list would send no firm_ids, i.e. a token for every firm: refuse rather than widen.
    throw new InvalidParamsError(
      `firmIds must be a non-empty list of positive integers (omit it for all firms)`,
      { vendor },
    )
  }
  const ids = params.firmIds.map(toFirmId)
  const bad = params.firmIds.filter((_, index) => ids[index] === undefined)
  if (bad.length > 0) {
    throw new InvalidParamsError(
      `firmIds must be positive integers; got ${bad.map((id) => JSON.stringify(id)).join(', ')}`,
      { vendor },
    )
  }
  const firmIds = [...new Set(ids as number[])].sort((a, b) => a - b)
  return { ...params, firmIds }
}

/**
 * The `firm_ids` form field exactly as BridgeFT's doc shows it (`firm_ids=39, 792`: a comma
 * separated list, here with the doc's ", " separator). No field when no firm ids are asked for.
 */
export function firmIdsField(params: TokenParams): Record<string, string> {
  const firmIds = params.firmIds
  return firmIds === undefined || firmIds.length === 0 ? {} : { firm_ids: firmIds.join(', ') }
}
