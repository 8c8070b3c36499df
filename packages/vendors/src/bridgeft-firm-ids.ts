import type { TokenParams } from '@vendor-token/core'
import { InvalidParamsError } from '@vendor-token/core'
import { rejectUnsupportedParams } from './params.js'

/**
 * The params a `bridgeft` source takes: `firmIds` (numbers or digit strings, any order). Core's
 * `TokenParams` is open for extra fields, so `getToken('bridgeft', { firmIds })` type-checks
 * either way; this names them for an app's own functions.
 */
export interface BridgeftParams extends TokenParams {
  /** BridgeFT firm ids; sent as `firm_ids`, order does not matter (sorted in the cache key). */
  firmIds?: readonly (number | string)[]
}

/** Turns one firm id (a number or a digit string) into a positive safe integer, or undefined. */
export function toFirmId(value: unknown): number | undefined {
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
 * `normalizeFirmIds`, then the preset's allow-list: with `allowed`, every firm id must be in it
 * and `firmIds` is required (a token without `firm_ids` would cover every firm). Firm ids often
 * come from a request (a header, a query); an unknown one is refused before any token request,
 * so a client cannot make the app ask the vendor for (and cache) tokens of arbitrary firms.
 * @throws InvalidParamsError
 */
export function firmIdsNormalizer(
  allowed: ReadonlySet<number> | undefined,
): (params: TokenParams, vendor: string) => TokenParams {
  if (allowed === undefined) return normalizeFirmIds
  return (params, vendor) => {
    const normalized = normalizeFirmIds(params, vendor)
    const firmIds = normalized.firmIds as readonly number[] | undefined
    if (firmIds === undefined) {
      throw new InvalidParamsError('firmIds is required: this source allows only some firms', {
        vendor,
      })
    }
    const refused = firmIds.filter((id) => !allowed.has(id))
    if (refused.length > 0) {
      throw new InvalidParamsError(`firmIds not allowed (allowedFirmIds): ${refused.join(', ')}`, {
        vendor,
      })
    }
    return normalized
  }
}

/**
 * The `firm_ids` form field exactly as BridgeFT's doc shows it (`firm_ids=39, 792`: a comma
 * separated list, here with the doc's ", " separator). No field when no firm ids are asked for.
 */
export function firmIdsField(params: TokenParams): Record<string, string> {
  const firmIds = params.firmIds as readonly number[] | undefined
  return firmIds === undefined || firmIds.length === 0 ? {} : { firm_ids: firmIds.join(', ') }
}
