import type { TokenManager } from '@vendor-token/core'
import type { Context } from 'koa'

/** What the accounts route needs. */
export interface AccountsRouteOptions {
  manager: TokenManager
  vendor: string
  baseUrl: string
  /** Scopes used when the request names none. */
  defaultScopes: readonly string[]
}

/**
 * `GET /accounts[?scope=banking/read banking/write]`: Apiture's banking accounts resource, called
 * through `manager.fetch`, which adds the Authorization header for the token of these scopes and,
 * should the bank answer 401, drops that token and retries once with a fresh one. Each scope set
 * is its own cached token; the token endpoint comes from OIDC discovery (cached).
 */
export async function listAccounts(ctx: Context, options: AccountsRouteOptions): Promise<void> {
  const scopes = scopesOf(ctx) ?? options.defaultScopes
  const url = new URL('banking/accounts', withSlash(options.baseUrl))
  const upstream = await options.manager.fetch(
    options.vendor,
    url,
    { headers: { accept: 'application/json' } },
    { scopes },
  )
  if (upstream.status === 403) {
    // The token lacks a scope the resource needs (e.g. ?scope=banking/write only): the caller's call.
    ctx.status = 403
    ctx.body = { error: 'insufficient_scope', message: 'The bank wants another scope' }
    return
  }
  if (!upstream.ok) {
    ctx.status = 502
    ctx.body = {
      error: 'vendor_error',
      message: 'The bank API failed',
      vendorStatus: upstream.status,
    }
    return
  }
  const body: unknown = await upstream.json()
  ctx.body = { scopes: [...scopes].sort(), accounts: rowsIn(body) }
}

function scopesOf(ctx: Context): string[] | undefined {
  const raw = ctx.query.scope
  const text = Array.isArray(raw) ? raw.join(' ') : raw
  const scopes = (text ?? '').split(/[\s,]+/).filter(Boolean)
  return scopes.length > 0 ? scopes : undefined
}

/** Apiture collections carry their rows in `items`; accept `data` or a bare array too. */
function rowsIn(body: unknown): unknown[] {
  if (Array.isArray(body)) return body
  if (body && typeof body === 'object') {
    for (const field of ['items', 'data', 'accounts']) {
      const rows = (body as Record<string, unknown>)[field]
      if (Array.isArray(rows)) return rows
    }
  }
  return []
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
