import {
  type BearerAuth,
  type BearerVerifier,
  createBearerAuthenticator,
  createFailureHandling,
  type RequireBearerOptions,
} from '@vendor-token/core/adapter'
import type { RequestHandler } from 'express'
import { answerError, expressRequestId } from './answer.js'
import { installRequestSlots } from './request-slots.js'

/** Options of `requireBearer(verifier, options)` for Express: `scopes`, `realm`, `errors`, `logger`. */
export type ExpressRequireBearerOptions = RequireBearerOptions

/**
 * Express 5 middleware that lets a request through only with a valid `Authorization: Bearer`
 * access token carrying every required scope, and attaches the verified claims as `req.auth`.
 * Otherwise it answers 401 (`WWW-Authenticate: Bearer`, with `error="invalid_token"` when a token
 * came but failed), 403 `insufficient_scope`, or 503 + Retry-After when the key set is
 * unreachable. The reason a token failed is never told to the caller; it is logged (4xx at info,
 * 503 at warn). With `errors: 'next'` the typed error goes to `next(err)` instead.
 *
 * @param verifier - e.g. `createVerifier({ jwksUri, issuer })` from @vendor-token/verify.
 * @param options - `scopes` every request needs; `realm`; `errors` (`respond` | `next`);
 *   `logger` (default: warn and error lines on stderr).
 * @throws ConfigurationError at once when the verifier or scopes are not usable.
 * @example
 * ```ts
 * app.get('/clients', requireBearer(verifier, { scopes: ['clients:read'] }), (req, res) => {
 *   res.json({ advisor: req.auth.payload.sub })
 * })
 * ```
 */
export function requireBearer(
  verifier: BearerVerifier,
  options: ExpressRequireBearerOptions = {},
): RequestHandler {
  const authenticate = createBearerAuthenticator(verifier, options)
  const failures = createFailureHandling('requireBearer()', options, {
    message: 'bearer token refused',
  })

  return async function requireBearerMiddleware(req, res, next) {
    let auth: BearerAuth
    try {
      auth = await authenticate(req.headers.authorization)
    } catch (error) {
      if (failures.handOver) next(error)
      else failures.report(error, answerError(res, error), expressRequestId(req))
      return
    }
    installRequestSlots(req)
    req.auth = auth
    next()
  }
}
