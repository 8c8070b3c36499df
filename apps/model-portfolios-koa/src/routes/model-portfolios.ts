import type { TokenManager } from '@vendor-token/core'
import type { Context } from 'koa'

/** What the model-portfolios route needs. */
export interface ModelPortfoliosRouteOptions {
  manager: TokenManager
  /** Name the source is registered under. */
  vendor: string
  baseUrl: string
  apiVersion: string
}

/**
 * `GET /model-portfolios`: lists the vendor's model portfolios with the token the `vendorToken`
 * middleware put on `ctx.state`. The vendor wants its versioned Accept header on API calls too,
 * not only on the token request. A 401 (token revoked) drops the token and retries once.
 */
export async function listModelPortfolios(
  ctx: Context,
  options: ModelPortfoliosRouteOptions,
): Promise<void> {
  const url = new URL('model-portfolios', withSlash(options.baseUrl))
  const headers = { accept: `application/json; version=${options.apiVersion}` }
  let upstream = await fetch(url, {
    headers: { ...headers, authorization: ctx.state.vendorToken.authorization },
  })
  if (upstream.status === 401) {
    // The vendor revoked the 24 h token early: drop it, then one retry with a fresh token.
    await options.manager.invalidate(options.vendor)
    upstream = await options.manager.fetch(options.vendor, url, { headers })
  }
  if (!upstream.ok) {
    ctx.status = 502
    ctx.body = {
      error: 'vendor_error',
      message: 'The vendor API failed',
      vendorStatus: upstream.status,
    }
    return
  }
  const body: unknown = await upstream.json()
  ctx.body = { modelPortfolios: rowsIn(body) }
}

/** The list, whether the vendor wraps it (`data`, `modelPortfolios`) or not. */
function rowsIn(body: unknown): unknown[] {
  if (Array.isArray(body)) return body
  if (body && typeof body === 'object') {
    for (const field of ['data', 'modelPortfolios', 'items']) {
      const rows = (body as Record<string, unknown>)[field]
      if (Array.isArray(rows)) return rows
    }
  }
  return []
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
