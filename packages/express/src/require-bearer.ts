import {
  type BearerAuth,
  type BearerVerifier,
  createBearerAuthenticator,
  type Logger,
  type RequireBearerOptions,
  reportFailure,
} from '@vendor-token/core'
import type { RequestHandler } from 'express'
import { answerError } from './answer.js'
import { installRequestSlots } from './request-slots.js'

/** Options of `requireBearer(verifier, options)` for Express. */
export interface ExpressRequireBearerOptions extends RequireBearerOptions {
  /** Receives a safe line when a request is answered with 5xx (the key set is unreachable). */
  logger?: Pick<Logger, 'warn'>
}

/**
 * Express 5 middleware that lets a request through only with a valid `Authorization: Bearer`
 * access token carrying every required scope, and attaches the verified claims as `req.auth`.
 * Otherwise it answers 401 (`WWW-Authenticate: Bearer`, with `error="invalid_token"` when a token
 * came but failed), 403 `insufficient_scope`, or 503 + Retry-After when the key set is
 * unreachable. The reason a token failed is never told to the caller.
 *
 * @param verifier - e.g. `createVerifier({ jwksUri, issuer })` from @vendor-token/verify.
 * @param options - `scopes` every request needs; `realm`; `logger`.
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
  const { logger } = options

  return async function requireBearerMiddleware(req, res, next) {
    let auth: BearerAuth
    try {
      auth = await authenticate(req.headers.authorization)
    } catch (error) {
      reportFailure(logger, 'bearer token could not be checked', error, answerError(res, error))
      return
    }
    installRequestSlots(req)
    req.auth = auth
    next()
  }
}
