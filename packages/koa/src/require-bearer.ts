import {
  type BearerAuth,
  type BearerVerifier,
  createBearerAuthenticator,
  type Logger,
  type RequireBearerOptions,
  reportFailure,
} from '@vendor-token/core'
import type { DefaultContext, DefaultState, Middleware } from 'koa'
import { answerError } from './answer.js'

/** Options of `requireBearer(verifier, options)` for Koa. */
export interface KoaRequireBearerOptions extends RequireBearerOptions {
  /** Receives a safe line when a request is answered with 5xx (the key set is unreachable). */
  logger?: Pick<Logger, 'warn'>
}

/**
 * Koa 3 middleware that lets a request through only with a valid `Authorization: Bearer` access
 * token carrying every required scope, and attaches the verified claims as `ctx.state.auth`.
 * Otherwise it answers 401 (`WWW-Authenticate: Bearer`, with `error="invalid_token"` when a token
 * came but failed), 403 `insufficient_scope`, or 503 + Retry-After when the key set is
 * unreachable. The reason a token failed is never told to the caller.
 *
 * @param verifier - e.g. `createVerifier({ jwksUri, issuer })` from @vendor-token/verify.
 * @param options - `scopes` every request needs; `realm`; `logger`.
 * @throws ConfigurationError at once when the verifier or scopes are not usable.
 * @example
 * ```ts
 * app.use(requireBearer(verifier, { scopes: ['clients:read'] }))
 * app.use((ctx) => { ctx.body = { advisor: ctx.state.auth.payload.sub } })
 * ```
 */
export function requireBearer<StateT = DefaultState, ContextT = DefaultContext>(
  verifier: BearerVerifier,
  options: KoaRequireBearerOptions = {},
): Middleware<StateT, ContextT> {
  const authenticate = createBearerAuthenticator(verifier, options)
  const { logger } = options

  return async function requireBearerMiddleware(ctx, next) {
    let auth: BearerAuth
    try {
      auth = await authenticate(ctx.get('authorization') || undefined)
    } catch (error) {
      reportFailure(logger, 'bearer token could not be checked', error, answerError(ctx, error))
      return
    }
    ;(ctx.state as DefaultState).auth = auth
    await next()
  }
}
