import {
  createSignInRoutes,
  type SignInOptions,
  type SignInProvider,
} from '@vendor-token/core/adapter'
import type { DefaultContext, DefaultState, Middleware } from 'koa'
import { koaRequestId } from './answer.js'
import type { KoaContext } from './types.js'

/** Options of `signIn(manager, vendor, options)` for Koa. */
export type KoaSignInOptions<StateT = DefaultState, ContextT = DefaultContext> = SignInOptions<
  KoaContext<StateT, ContextT>
>

/**
 * Koa 3 middleware that mounts a vendor's user sign-in: `GET loginPath` (default
 * `/auth/login`, takes `?returnTo=/path`) redirects to the provider with a new state, PKCE S256
 * and nonce; `GET callbackPath` (default `/auth/callback`, the path of the source's
 * `redirectUri`) finishes it and redirects (303) to the `returnTo` or `afterSignIn` (default
 * `/`). A `returnTo` that is not a path on this site is a 400; a rejected callback (state
 * missing, unknown, reused, expired, another user's; `error=access_denied`; a refused code) is
 * a 4xx page for browsers or JSON, and no token is stored; failures are logged through the
 * manager's logger, or thrown with `errors: 'next'`. Other requests go to `next`.
 *
 * @param manager - the app's `TokenManager`, with a user source (e.g. `wealthcom.user`).
 * @param vendor - the name the user source is registered under.
 * @param options - `userKey(ctx)` (required: e.g. the session id), paths, `afterSignIn`,
 *   `errors` (`respond` | `next`), `logger` instead of the manager's.
 * @throws ConfigurationError at once when the arguments are not usable; UnknownVendorError when
 *   nothing is registered under `vendor`.
 * @example
 * ```ts
 * app.use(signIn(manager, 'wealthcom', { userKey: (ctx) => ctx.state.sessionId }))
 * ```
 */
export function signIn<StateT = DefaultState, ContextT = DefaultContext>(
  manager: SignInProvider,
  vendor: string,
  options: KoaSignInOptions<StateT, ContextT>,
): Middleware<StateT, ContextT> {
  const routes = createSignInRoutes(manager, vendor, options)
  return async function signInMiddleware(ctx, next) {
    const input = {
      method: ctx.method,
      path: ctx.path,
      search: ctx.querystring,
      accept: ctx.get('accept') || undefined,
      requestId: koaRequestId(ctx),
    }
    const pending = routes.answer(ctx, input)
    if (pending === undefined) {
      await next()
      return
    }
    const answer = await pending
    ctx.status = answer.status
    ctx.set(answer.headers)
    if (answer.body !== undefined) ctx.body = answer.body
  }
}
