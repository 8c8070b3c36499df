import {
  createSignInRoutes,
  type SignInAnswer,
  type SignInOptions,
  type SignInProvider,
} from '@vendor-token/core/adapter'
import type { Request, RequestHandler } from 'express'
import { expressRequestId } from './answer.js'

/** Options of `signIn(manager, vendor, options)` for Express. */
export type ExpressSignInOptions = SignInOptions<Request>

/**
 * Express 5 middleware that mounts a vendor's user sign-in: `GET loginPath` (default
 * `/auth/login`, takes `?returnTo=/path`) redirects to the provider with a new state, PKCE S256
 * and nonce; `GET callbackPath` (default `/auth/callback`, the path of the source's
 * `redirectUri`) finishes it and redirects (303) to the `returnTo` or `afterSignIn` (default
 * `/`). A `returnTo` that is not a path on this site is a 400; a rejected callback (state
 * missing, unknown, reused, expired, another user's; `error=access_denied`; a refused code) is
 * a 4xx page for browsers or JSON, and no token is stored; failures are logged through the
 * manager's logger, or go to `next(err)` with `errors: 'next'`. Other requests pass through.
 *
 * @param manager - the app's `TokenManager`, with a user source (e.g. `wealthcom.user`).
 * @param vendor - the name the user source is registered under.
 * @param options - `userKey(req)` (required: e.g. the session id), paths, `afterSignIn`,
 *   `errors` (`respond` | `next`), `logger` instead of the manager's.
 * @throws ConfigurationError at once when the arguments are not usable; UnknownVendorError when
 *   nothing is registered under `vendor`.
 * @example
 * ```ts
 * app.use(session) // sets req.session.id
 * app.use(signIn(manager, 'wealthcom', { userKey: (req) => req.session.id }))
 * app.get('/clients', vendorToken(manager, 'wealthcom', { user: (req) => req.session.id, onMissingUser: 'redirect' }), list)
 * ```
 */
export function signIn(
  manager: SignInProvider,
  vendor: string,
  options: ExpressSignInOptions,
): RequestHandler {
  const routes = createSignInRoutes<Request>(manager, vendor, options)
  return async function signInMiddleware(req, res, next) {
    const url = req.originalUrl
    const mark = url.indexOf('?')
    const search = mark < 0 ? '' : url.slice(mark + 1)
    const input = {
      method: req.method,
      path: req.path,
      search,
      accept: req.get('accept'),
      requestId: expressRequestId(req),
    }
    const pending = routes.answer(req, input)
    if (pending === undefined) {
      next()
      return
    }
    let answer: SignInAnswer
    try {
      answer = await pending
    } catch (error) {
      next(error) // errors: 'next'
      return
    }
    res.status(answer.status).set(answer.headers)
    if (answer.body === undefined) res.end()
    else res.send(answer.body)
  }
}
