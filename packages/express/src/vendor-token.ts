import type { Token, TokenParams } from '@vendor-token/core'
import {
  abortOnDisconnect,
  clientGone,
  createFailureHandling,
  createLoginRedirect,
  createTokenLookup,
  type TokenProvider,
} from '@vendor-token/core/adapter'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { answerError, expressRequestId } from './answer.js'
import { setRequestToken } from './request-slots.js'
import type { ExpressVendorTokenOptions } from './types.js'

/**
 * Express 5 middleware that gets the vendor's token for each request (from the manager's cache,
 * fetched once when needed) and attaches it as `req.vendorToken` and `req.vendorTokens[vendor]`.
 * Waiting stops when the client disconnects. Failures are answered here with the error's status
 * and headers (503 + Retry-After when the token endpoint is down, 502 when it rejects the
 * credentials, 401 when the user is not signed in) and a JSON body without secrets, and logged
 * once through the manager's logger; with `errors: 'next'` they go to `next(err)` instead.
 *
 * @param manager - the app's `TokenManager`, with `vendor` registered already.
 * @param vendor - the name its source is registered under.
 * @param options - `params(req)` and `user(req)` per request; `errors` (`respond` | `next`);
 *   `logger` instead of the manager's; `onMissingUser: 'redirect'` sends GET/HEAD without a
 *   signed-in user to `loginPath`.
 * @throws ConfigurationError at once when the arguments are not usable; UnknownVendorError when
 *   nothing is registered under `vendor`.
 * @example
 * ```ts
 * app.use('/accounts', vendorToken(manager, 'bridgeft', {
 *   params: (req) => ({ firmIds: req.get('x-firm-ids')?.split(',') }),
 * }))
 * app.get('/accounts', async (req, res) => {
 *   const upstream = await fetch(url, { headers: { authorization: req.vendorToken.authorization } })
 *   res.json(await upstream.json())
 * })
 * ```
 */
export function vendorToken(
  manager: TokenProvider<Token>,
  vendor: string,
  options: ExpressVendorTokenOptions = {},
): RequestHandler {
  const lookup = createTokenLookup(manager, vendor, options)
  const loginRedirect = createLoginRedirect(options, vendor)
  const failures = createFailureHandling('vendorToken()', options, {
    message: `vendor token for ${vendor} unavailable`,
    vendor,
    logger: manager.logger,
  })

  return function vendorTokenMiddleware(req, res, next) {
    let params: TokenParams | undefined
    try {
      params = lookup.params(req) // the user's callbacks run once per request
    } catch (error) {
      fail(req, res, next, error)
      return
    }
    // The hot path: a cached token is attached synchronously (no promise, no microtask).
    const cached = lookup.peek(params)
    if (cached === undefined) {
      void awaitToken(req, res, next, params) // answers its own errors: nothing for Express to catch
      return
    }
    setRequestToken(req, vendor, cached)
    next()
  }

  async function awaitToken(
    req: Request,
    res: Response,
    next: NextFunction,
    params: TokenParams | undefined,
  ): Promise<void> {
    let token: Token
    try {
      token = await lookup.get(params, abortOnDisconnect(req))
    } catch (error) {
      fail(req, res, next, error)
      return
    }
    setRequestToken(req, vendor, token)
    next()
  }

  function fail(req: Request, res: Response, next: NextFunction, error: unknown): void {
    if (clientGone(res)) return // nobody is left to answer
    const login = loginRedirect(error, req.method, req.originalUrl)
    if (login !== undefined) {
      res.redirect(303, login) // onMissingUser: 'redirect'
      return
    }
    if (failures.handOver)
      next(error) // errors: 'next': the app's error handlers answer
    else failures.report(error, answerError(res, error), expressRequestId(req))
  }
}
