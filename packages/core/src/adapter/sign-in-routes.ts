import { AuthorizationCallbackError, ConfigurationError } from '../errors.js'
import { checkReturnTo } from '../sign-in/return-to.js'
import type { Logger } from '../types.js'
import { createFailureHandling, type FailureOptions } from './failure-handling.js'
import { toHttpAnswer } from './http-answer.js'
import { checkRegistered, type VendorRegistry } from './registered-vendor.js'
import { SIGN_IN_HEADERS, type SignInAnswer, signInErrorAnswer } from './sign-in-page.js'

/** Where `signIn` serves the login route, and where `vendorToken` redirects by default. */
export const DEFAULT_LOGIN_PATH = '/auth/login'

/** A route path: starts with `/`, no query or fragment. */
export const isMountPath = (path: unknown): path is string =>
  typeof path === 'string' && /^\/[^?#]*$/.test(path)

/** What the sign-in routes need from a `TokenManager` (structural, so wrappers fit too). */
export interface SignInProvider extends VendorRegistry {
  /** The manager's logger: failed sign-in steps are logged there. */
  readonly logger?: Logger
  authorizationUrl(
    vendor: string,
    options: { user: string; returnTo?: string },
  ): Promise<{ url: string }>
  handleCallback(
    vendor: string,
    query: URLSearchParams,
    options: { user: string },
  ): Promise<{ returnTo?: string | undefined }>
}

/** Options of `signIn(manager, vendor, options)` in every adapter; `R` is the framework's request. */
export interface SignInOptions<R> extends FailureOptions {
  /** The user's key, e.g. the session id: the sign-in is bound to it. Required. */
  userKey: (request: R) => string | undefined
  /** Redirects to the provider; takes `?returnTo=/path`. Default `/auth/login`. */
  loginPath?: string
  /** The provider's redirect back (the path of the source's `redirectUri`). Default `/auth/callback`. */
  callbackPath?: string
  /** Where a user goes after signing in without a `returnTo`. Default `/`. */
  afterSignIn?: string
}

/** What an adapter hands over per request. */
export interface SignInRequest {
  method: string
  /** The path relative to where the routes are mounted. */
  path: string
  /** The raw query string of the request, without `?` (parsed only for the two routes). */
  search: string
  accept: string | undefined
  /** The request's id for the failure line (`requestIdOf`), if it has one. */
  requestId?: string | undefined
}

/** The two routes, framework-neutral: `answer` is undefined for any other request. */
export interface SignInRoutes<R> {
  readonly loginPath: string
  readonly callbackPath: string
  /** Rejects only with `errors: 'next'` (the typed error, for the framework to handle). */
  answer(request: R, input: SignInRequest): Promise<SignInAnswer> | undefined
}

/**
 * Builds the login and callback routes both adapters mount. Login: a `returnTo` that is not a
 * path on this site is a 400, else a redirect to the provider. Callback: `handleCallback`, then a
 * 303 to the `returnTo` of the sign-in (or `afterSignIn`); a rejected callback is a 4xx page
 * (browsers) or JSON, and no token is stored.
 *
 * @throws ConfigurationError at once for unusable arguments; UnknownVendorError when nothing is
 *   registered under `vendor` (register first).
 * @example
 * ```ts
 * const routes = createSignInRoutes(manager, 'wealthcom', { userKey: (req) => req.session.id })
 * const answer = routes.answer(req, { method, path, search, accept }) // undefined: not ours
 * ```
 */
export function createSignInRoutes<R>(
  manager: SignInProvider,
  vendor: string,
  options: SignInOptions<R>,
): SignInRoutes<R> {
  const fail = (why: string) => new ConfigurationError(`signIn(): ${why}`, { vendor })
  if (
    typeof manager?.authorizationUrl !== 'function' ||
    typeof manager.handleCallback !== 'function'
  ) {
    throw fail('needs a TokenManager as its first argument')
  }
  if (typeof vendor !== 'string' || vendor === '') throw fail('needs a vendor name')
  checkRegistered(manager, vendor)
  if (typeof options?.userKey !== 'function') throw fail('option "userKey" must be a function')
  const { loginPath = DEFAULT_LOGIN_PATH, callbackPath = '/auth/callback' } = options
  const failures = createFailureHandling('signIn()', options, {
    message: `sign-in for ${vendor} failed`,
    vendor,
    logger: manager.logger,
  })
  for (const [name, path] of [
    ['loginPath', loginPath],
    ['callbackPath', callbackPath],
  ] as const) {
    if (!isMountPath(path)) throw fail(`${name} must be a path`)
  }
  if (loginPath === callbackPath) throw fail('loginPath and callbackPath must differ')
  let afterSignIn: string
  try {
    afterSignIn = checkReturnTo(options.afterSignIn ?? '/', vendor) ?? '/'
  } catch {
    throw fail('afterSignIn must be a path on this site')
  }

  const user = (request: R): string => {
    const key = options.userKey(request)
    if (typeof key === 'string' && key !== '') return key
    throw new AuthorizationCallbackError('there is no session to sign in to', {
      vendor,
      reason: 'session_missing',
    })
  }
  const login = async (request: R, query: URLSearchParams): Promise<SignInAnswer> => {
    const returnTo = query.get('returnTo') ?? undefined
    const options =
      returnTo === undefined ? { user: user(request) } : { user: user(request), returnTo }
    const { url } = await manager.authorizationUrl(vendor, options)
    return { status: 302, headers: { ...SIGN_IN_HEADERS, location: url } }
  }
  const callback = async (request: R, query: URLSearchParams): Promise<SignInAnswer> => {
    const token = await manager.handleCallback(vendor, query, { user: user(request) })
    return { status: 303, headers: { ...SIGN_IN_HEADERS, location: token.returnTo ?? afterSignIn } }
  }

  return {
    loginPath,
    callbackPath,
    answer(request, input) {
      if (input.method !== 'GET' && input.method !== 'HEAD') return undefined
      const route =
        input.path === loginPath ? login : input.path === callbackPath ? callback : undefined
      if (route === undefined) return undefined
      return route(request, new URLSearchParams(input.search)).catch((error: unknown) => {
        if (failures.handOver) throw error
        const answer = toHttpAnswer(error)
        failures.report(error, answer, input.requestId)
        return signInErrorAnswer(answer, error, input.accept, loginPath)
      })
    },
  }
}
