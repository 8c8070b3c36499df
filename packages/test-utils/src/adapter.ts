import type { RequestListener } from 'node:http'
import type { Logger, Token, TokenManager, TokenParams } from '@vendor-token/core'
import type { BearerAuth } from '@vendor-token/core/adapter'
import type { Verifier } from '@vendor-token/verify'

/** Reads a request header; `undefined` when it is absent. */
export type ReadHeader = (name: string) => string | undefined

/** What a test hands `vendorToken`: the manager, or a window on it with just `getToken`. */
export type TokenSourceUnderTest = Pick<TokenManager, 'getToken'>

/** `vendorToken` options, with callbacks that see headers instead of a framework request. */
export interface VendorTokenOptionsUnderTest {
  logger?: Logger
  errors?: 'respond' | 'next'
  user?: (header: ReadHeader) => string | undefined
  params?: (header: ReadHeader) => TokenParams | undefined
  onMissingUser?: 'reject' | 'redirect'
}

/** One `vendorToken(manager, vendor, options)` to mount. */
export interface VendorTokenMount {
  vendor: string
  options?: VendorTokenOptionsUnderTest
}

/** Everywhere the framework exposes the tokens (Koa: ctx.state and ctx.request). */
export interface TokenView {
  vendorToken: Token
  vendorTokens: Record<string, Token>
}

/** One route guarded by `requireBearer(verifier, { scopes })`. */
export interface BearerRoute {
  method: 'GET' | 'POST'
  path: string
  scopes?: string | string[]
}

/** The routes of the sign-in app; each gets the signed-in user's token. */
export interface SignInAppRoutes {
  /** `GET /clients`: `vendorToken` that rejects a request without a user. */
  clients(token: Token): Promise<{ status: number; body: unknown }>
  /** Any method on `/me`: `vendorToken` with `onMissingUser: 'redirect'`. */
  me(token: Token): unknown
}

/**
 * The framework glue a shared behaviour suite needs: each method builds an app with the
 * adapter's middleware mounted and a route that answers JSON with what the middleware attached.
 */
export interface AdapterUnderTest {
  /** Shown in suite names, e.g. 'Express'. */
  name: string
  /**
   * `vendorToken` for each mount in order (the first app-wide, the rest on the route), then a
   * route at `path` answering `answer(views)`; the first view is the framework's usual place.
   */
  tokenApp(setup: {
    manager: TokenSourceUnderTest
    mounts: VendorTokenMount[]
    path: string
    answer: (views: readonly TokenView[]) => unknown
    /**
     * The app's own error handling, for `errors: 'next'`: Express an error handler that answers
     * `{ handledBy: 'app', error: err.code }` with `err.statusCode` and `err.headers`; Koa
     * `app.on('error')` (Koa's `ctx.onerror` answers). Both hand it the error they received.
     */
    onAppError?: (error: unknown) => void
  }): RequestListener
  /** `requireBearer` on each route, answering `answer(auth)`; other routes are 404. */
  bearerApp(setup: {
    verifier: Verifier
    routes: BearerRoute[]
    logger?: Logger
    errors?: 'respond' | 'next'
    /** As in `tokenApp`: the app's own error handling sees what `errors: 'next'` hands over. */
    onAppError?: (error: unknown) => void
    answer: (auth: BearerAuth) => unknown
  }): RequestListener
  /**
   * A cookie session (its id is the user key), `signIn(manager, vendor)` on it, and the
   * routes of {@link SignInAppRoutes}; any other path is 404.
   */
  signInApp(
    manager: TokenManager,
    vendor: string,
    routes: SignInAppRoutes,
    failures?: { errors: 'respond' | 'next'; onAppError: (error: unknown) => void },
  ): RequestListener
  /** Calls the framework's `signIn` (to check it validates its options at mount). */
  signIn(
    manager: TokenManager,
    vendor: string,
    options: { userKey?: () => string; afterSignIn?: string; errors?: string },
  ): unknown
  /** Calls the framework's `vendorToken` with raw options (to check it validates them). */
  vendorToken(manager: TokenManager, vendor: string, options: Record<string, unknown>): unknown
  /** Calls the framework's `requireBearer` with raw options (to check it validates them). */
  requireBearer(verifier: Verifier, options: Record<string, unknown>): unknown
}
