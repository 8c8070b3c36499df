import type { Token } from '@vendor-token/core'
import type { BearerAuth, VendorTokenOptions } from '@vendor-token/core/adapter'
import type { Request } from 'express'

declare global {
  namespace Express {
    interface Request {
      /**
       * The vendor token of this request, set by `vendorToken(...)` (the one mounted last when
       * several are). Declared present so route handlers read it without a cast; it is
       * `undefined` on routes without the middleware.
       */
      vendorToken: Token
      /** Every mounted vendor's token by vendor name, set by `vendorToken(...)`. */
      vendorTokens: Record<string, Token>
      /** Verified claims of the caller's bearer token, set by `requireBearer(...)`. */
      auth: BearerAuth
    }
  }
}

/**
 * Options of `vendorToken(manager, vendor, options)` for Express: `params`, `user`, `errors`,
 * `logger`, `onMissingUser`, `loginPath`.
 */
export type ExpressVendorTokenOptions = VendorTokenOptions<Request>
