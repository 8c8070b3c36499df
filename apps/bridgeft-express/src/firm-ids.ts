import { InvalidParamsError, type TokenParams } from '@vendor-token/core'
import type { Request } from 'express'

/**
 * The firm ids a request asks for: header `x-firm-ids: 39,792`, or query `?firm_ids=39,792`
 * (also `firmIds`). Numeric ids become numbers; anything else is passed on as given so that the
 * preset rejects it with InvalidParamsError (400). No ids: the token covers every firm.
 */
export function firmIdsOf(req: Request): (number | string)[] {
  const raw =
    req.get('x-firm-ids') ?? queryValue(req.query.firm_ids) ?? queryValue(req.query.firmIds)
  if (raw === undefined) return []
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}

function queryValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(',')
  return undefined
}

/**
 * The token params of a request: its firm ids, checked against `allowed` (the app's config)
 * before any token request. With a list, a request naming no firm gets the token of the
 * allowed firms; without one, the token for every firm.
 * @throws InvalidParamsError (400) for a firm outside the list
 */
export function firmParamsOf(
  req: Request,
  allowed: readonly number[] | undefined,
  vendor: string,
): TokenParams {
  const firmIds = firmIdsOf(req)
  if (allowed === undefined) return firmIds.length > 0 ? { firmIds } : {}
  if (firmIds.length === 0) return { firmIds: allowed }
  const refused = firmIds.filter((id) => typeof id !== 'number' || !allowed.includes(id))
  if (refused.length > 0) {
    throw new InvalidParamsError(`firm ids not allowed: ${refused.join(', ')}`, { vendor })
  }
  return { firmIds }
}
