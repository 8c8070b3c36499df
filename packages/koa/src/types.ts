import type { Token } from '@vendor-token/core'
import type { BearerAuth, VendorTokenOptions } from '@vendor-token/core/adapter'
import type { DefaultContext, DefaultState, ParameterizedContext } from 'koa'

declare module 'koa' {
  interface Request {
    /**
     * The vendor token of this request, set by `vendorToken(...)` (the one mounted last when
     * several are). Declared present so handlers read it without a cast; `undefined` on routes
     * without the middleware.
     */
    vendorToken: Token
    /** Every mounted vendor's token by vendor name, set by `vendorToken(...)`. */
    vendorTokens: Record<string, Token>
  }
  interface DefaultState {
    /** Same token as `ctx.request.vendorToken`. */
    vendorToken: Token
    /** Same tokens as `ctx.request.vendorTokens`. */
    vendorTokens: Record<string, Token>
    /** Verified claims of the caller's bearer token, set by `requireBearer(...)`. */
    auth: BearerAuth
  }
}

/** The context Koa hands middleware of an app with the default state and context. */
export type KoaContext<StateT = DefaultState, ContextT = DefaultContext> = ParameterizedContext<
  StateT,
  ContextT
>

/**
 * Options of `vendorToken(manager, vendor, options)` for Koa: `params`, `user`, `errors`,
 * `logger`, `onMissingUser`, `loginPath`.
 */
export type KoaVendorTokenOptions<
  StateT = DefaultState,
  ContextT = DefaultContext,
> = VendorTokenOptions<KoaContext<StateT, ContextT>>
