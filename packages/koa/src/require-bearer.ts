import {
  type BearerAuth,
  type BearerVerifier,
  createBearerAuthenticator,
  createFailureHandling,
  type RequireBearerOptions,
} from '@vendor-token/core/adapter'
import type { DefaultContext, DefaultState, Middleware } from 'koa'
import { answerError, koaRequestId } from './answer.js'

/** Options of `requireBearer(verifier, options)` for Koa: `scopes`, `realm`, `errors`, `logger`. */
export type KoaRequireBearerOptions = RequireBearerOptions

/**
 * Koa 3 middleware that lets a request through only with a valid `Authorization: Bearer` access
 * token carrying every required scope, and attaches the verified claims as `ctx.state.auth`.
 * Otherwise it answers 401 (`WWW-Authenticate: Bearer`, with `error="invalid_token"` when a token
 * came but failed), 403 `insufficient_scope`, or 503 + Retry-After when the key set is
 * unreachable. The reason a token failed is never told to the caller; it is logged (4xx at info,
 * 503 at warn). With `errors: 'next'` the typed error is thrown instead.
 *
 * @param verifier - e.g. `createVerifier({ jwksUri, issuer })` from @vendor-token/verify.
 * @param options - `scopes` every request needs; `realm`; `errors` (`respond` | `next`);
 *   `logger` (default: warn and error lines on stderr).
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
  const failures = createFailureHandling('requireBearer()', options, {
    message: 'bearer token refused',
  })

  return async function requireBearerMiddleware(ctx, next) {
    let auth: BearerAuth
    try {
      auth = await authenticate(ctx.get('authorization') || undefined)
    } catch (error) {
      if (failures.handOver) throw error // for upstream try/catch and app.on('error')
      failures.report(error, answerError(ctx, error), koaRequestId(ctx))
      return
    }
    ;(ctx.state as DefaultState).auth = auth
    await next()
  }
}
