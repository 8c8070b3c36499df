import { InvalidParamsError } from './errors.js'
import type { TokenParams } from './types.js'

/**
 * Checks the well-known params and returns a canonical copy: scopes and firm ids sorted and
 * de-duplicated, `undefined` values dropped. Two params that ask for the same token come out equal.
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
      if (!isStringArray(value) || value.some((scope) => scope === '' || /\s/.test(scope))) {
        throw fail('scopes must be an array of non-empty strings without spaces')
      }
      result.scopes = [...new Set(value)].sort()
    } else if (name === 'firmIds') {
      if (!Array.isArray(value) || !value.every(isFirmId)) {
        throw fail('firmIds must be an array of numbers or strings')
      }
      result.firmIds = sortFirmIds(value)
    } else if (name === 'user') {
      if (typeof value !== 'string' || value === '') throw fail('user must be a non-empty string')
      result.user = value
    } else {
      result[name] = value
    }
  }
  return result
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function isFirmId(value: unknown): value is number | string {
  return (
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value !== '')
  )
}

/** Numbers ascending first, then strings; duplicates (also 39 and '39') removed. */
function sortFirmIds(ids: readonly (number | string)[]): (number | string)[] {
  const seen = new Map<string, number | string>()
  for (const id of ids) if (!seen.has(String(id))) seen.set(String(id), id)
  return [...seen.values()].sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b
    if (typeof a === 'number') return -1
    if (typeof b === 'number') return 1
    return a < b ? -1 : a > b ? 1 : 0
  })
}
