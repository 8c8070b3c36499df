import type { TokenManager, TokenParams } from '@vendor-token/core'
import { vendorToken } from '@vendor-token/express'
import { type Request, Router } from 'express'
import { firmParamsOf } from '../firm-ids.js'

/** What the accounts router needs. */
export interface AccountsRouteOptions {
  manager: TokenManager
  /** Name the BridgeFT source is registered under. */
  vendor: string
  baseUrl: string
  /** The firms requests may name (the app's config); others are answered 400. */
  allowedFirmIds?: readonly number[] | undefined
}

/**
 * `GET /` proxies BridgeFT's `GET /v2/accounts` with a token scoped to the firms the request
 * names, so the vendor itself returns only those firms' accounts. Each distinct firm set is its
 * own cached token (ids are sorted in the cache key: `39,792` and `792,39` share one). Firm
 * ids outside `allowedFirmIds` are answered 400 before any token request.
 */
export function accountsRouter(options: AccountsRouteOptions): Router {
  const { manager, vendor } = options
  const paramsOf = (req: Request): TokenParams => firmParamsOf(req, options.allowedFirmIds, vendor)
  const router = Router()
  router.get('/', vendorToken(manager, vendor, { params: paramsOf }), async (req, res) => {
    const url = new URL('v2/accounts', withSlash(options.baseUrl))
    const headers = { accept: 'application/json' }
    let upstream = await fetch(url, {
      headers: { ...headers, authorization: req.vendorToken.authorization },
    })
    if (upstream.status === 401) {
      // The vendor revoked the token early: drop it, then one retry with a fresh token
      // (manager.fetch gets the token itself; apiture-koa uses it for every call).
      await manager.invalidate(vendor, paramsOf(req))
      upstream = await manager.fetch(vendor, url, { headers }, paramsOf(req))
    }
    if (!upstream.ok) {
      res.status(502).json({
        error: 'vendor_error',
        message: 'The vendor API failed',
        vendorStatus: upstream.status,
      })
      return
    }
    const body: unknown = await upstream.json()
    const firmIds = (paramsOf(req).firmIds as number[] | undefined) ?? []
    res.json({ firmIds, accounts: accountsIn(body) })
  })
  return router
}

/** BridgeFT lists wrap the rows in `data`; accept a bare array too. */
function accountsIn(body: unknown): unknown[] {
  if (Array.isArray(body)) return body
  if (body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)) {
    return (body as { data: unknown[] }).data
  }
  return []
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
