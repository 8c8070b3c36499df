// `@vendor-token/core/adapter`: the toolkit for code that plugs into core. A framework adapter
// (Express, Koa; Fastify or Hono the same way) is built from the token lookup, failure handling,
// bearer authentication and sign-in routes below; stores and presets share the last four
// helpers. The contract is documented in core's README ("Writing an adapter").

// For stores and presets: the cache key a store is given, RFC 6749 2.3.1 Basic credentials,
// the (unverified) payload of a JWT access token, and the one scope rule (RFC 6749 3.3).
export { basicCredentials } from '../basic-auth.js'
export { cacheKey } from '../cache-key.js'
export { decodeJwtPayload } from '../jwt-decode.js'
export { checkScopes } from '../params.js'
export { abortOnDisconnect, clientGone } from './abort-on-disconnect.js'
export type { TokenTarget } from './attach-token.js'
export { attachToken } from './attach-token.js'
export type {
  BearerAuth,
  BearerClaims,
  BearerVerifier,
  RequireBearerOptions,
} from './authenticate-bearer.js'
export { createBearerAuthenticator } from './authenticate-bearer.js'
export {
  BearerTokenMissingError,
  BearerVerifierUnavailableError,
  InsufficientScopeError,
  InvalidBearerTokenError,
} from './bearer-errors.js'
export type { FailureHandling, FailureOptions } from './failure-handling.js'
export { createFailureHandling } from './failure-handling.js'
export type { HttpAnswer } from './http-answer.js'
export { toHttpAnswer } from './http-answer.js'
export type { MissingUserOptions } from './missing-user.js'
export { createLoginRedirect } from './missing-user.js'
export type { FailureContext } from './report-failure.js'
export { reportFailure } from './report-failure.js'
export { requestIdOf } from './request-id.js'
export type { TokenLookup, TokenProvider, VendorTokenOptions } from './resolve-token.js'
export { createTokenLookup } from './resolve-token.js'
export type { SignInAnswer } from './sign-in-page.js'
export { signInErrorAnswer } from './sign-in-page.js'
export type {
  SignInOptions,
  SignInProvider,
  SignInRequest,
  SignInRoutes,
} from './sign-in-routes.js'
export { createSignInRoutes } from './sign-in-routes.js'
