import type { BearerAuth, Logger, Token, VendorTokenOptions } from '@vendor-token/core'
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

/** Options of `vendorToken(manager, vendor, options)` for Express. */
export interface ExpressVendorTokenOptions extends VendorTokenOptions<Request> {
  /** Receives a safe line (code, status; no secret) when a request is answered with 5xx. */
  logger?: Pick<Logger, 'warn'>
}
