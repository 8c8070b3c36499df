import type { Token, TokenParams } from '@vendor-token/core'
import {
  abortOnDisconnect,
  attachToken,
  clientGone,
  createFailureHandling,
  createLoginRedirect,
  createTokenLookup,
  type TokenProvider,
} from '@vendor-token/core/adapter'
import type { DefaultContext, DefaultState, Middleware, Next, ParameterizedContext } from 'koa'
import { answerError, koaRequestId } from './answer.js'
import type { KoaVendorTokenOptions } from './types.js'

/**
 * Koa 3 middleware that gets the vendor's token for each request (from the manager's cache,
 * fetched once when needed) and attaches it as `ctx.request.vendorToken` and
 * `ctx.state.vendorToken`, plus `vendorTokens[vendor]` on both. Waiting stops when the client
 * disconnects. Failures are answered here with the error's status and headers (503 + Retry-After
 * when the token endpoint is down, 502 when it rejects the credentials, 401 when the user is not
 * signed in) and a JSON body without secrets, logged once through the manager's logger; later
 * middleware does not run. With `errors: 'next'` the typed error is thrown instead, for upstream
 * try/catch and `app.on('error')`.
 *
 * @param manager - the app's `TokenManager`, with `vendor` registered already.
 * @param vendor - the name its source is registered under.
 * @param options - `params(ctx)` and `user(ctx)` per request; `errors` (`respond` | `next`);
 *   `logger` instead of the manager's; `onMissingUser: 'redirect'` sends GET/HEAD without a
 *   signed-in user to `loginPath`.
 * @throws ConfigurationError at once when the arguments are not usable; UnknownVendorError when
 *   nothing is registered under `vendor`.
 * @example
 * ```ts
 * app.use(vendorToken(manager, 'modelPortfolios'))
 * app.use(async (ctx) => {
 *   const upstream = await fetch(url, { headers: { authorization: ctx.state.vendorToken.authorization } })
 *   ctx.body = await upstream.json()
 * })
 * ```
 */
export function vendorToken<StateT = DefaultState, ContextT = DefaultContext>(
  manager: TokenProvider<Token>,
  vendor: string,
  options: KoaVendorTokenOptions<StateT, ContextT> = {},
): Middleware<StateT, ContextT> {
  const lookup = createTokenLookup(manager, vendor, options)
  const loginRedirect = createLoginRedirect(options, vendor)
  const failures = createFailureHandling('vendorToken()', options, {
    message: `vendor token for ${vendor} unavailable`,
    vendor,
    logger: manager.logger,
  })

  const attach = (ctx: ParameterizedContext<StateT, ContextT>, token: Token): void => {
    attachToken(ctx.request, vendor, token)
    // ctx.state shares ctx.request's vendorTokens map: one object per request, not two.
    const state = ctx.state as DefaultState
    state.vendorToken = token
    state.vendorTokens = ctx.request.vendorTokens
  }

  return function vendorTokenMiddleware(ctx, next) {
    let params: TokenParams | undefined
    try {
      params = lookup.params(ctx) // the user's callbacks run once per request
    } catch (error) {
      try {
        fail(ctx, error)
      } catch (handedOver) {
        return Promise.reject(handedOver)
      }
      return Promise.resolve()
    }
    // The hot path: a cached token is attached synchronously (no awaited promise).
    const cached = lookup.peek(params)
    if (cached === undefined) return awaitToken(ctx, next, params)
    attach(ctx, cached)
    return next()
  }

  async function awaitToken(
    ctx: ParameterizedContext<StateT, ContextT>,
    next: Next,
    params: TokenParams | undefined,
  ): Promise<void> {
    let token: Token
    try {
      token = await lookup.get(params, abortOnDisconnect(ctx.req))
    } catch (error) {
      fail(ctx, error)
      return
    }
    attach(ctx, token)
    await next()
  }

  /** Answers `error`, or throws it with `errors: 'next'`. */
  function fail(ctx: ParameterizedContext<StateT, ContextT>, error: unknown): void {
    if (clientGone(ctx.res)) return // nobody is left to answer
    const login = loginRedirect(error, ctx.method, ctx.originalUrl)
    if (login !== undefined) {
      ctx.status = 303 // a redirect status first: ctx.redirect keeps it
      ctx.redirect(login) // onMissingUser: 'redirect'
      return
    }
    if (failures.handOver) throw error // for upstream try/catch and app.on('error')
    failures.report(error, answerError(ctx, error), koaRequestId(ctx))
  }
}
