export { abortOnDisconnect, ClientDisconnectedError, clientGone } from './abort-on-disconnect.js'
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
export type { BearerHeader } from './bearer-header.js'
export { parseBearerHeader } from './bearer-header.js'
export type { ErrorsMode } from './errors-option.js'
export { errorsMode } from './errors-option.js'
export type { FailureHandling, FailureOptions } from './failure-handling.js'
export { createFailureHandling } from './failure-handling.js'
export type { HttpAnswer } from './http-answer.js'
export { toHttpAnswer } from './http-answer.js'
export type { VendorRegistry } from './registered-vendor.js'
export { checkRegistered } from './registered-vendor.js'
export type { FailureContext, FailureLevel } from './report-failure.js'
export { failureLevel, reportFailure } from './report-failure.js'
export { requestIdOf } from './request-id.js'
export type {
  TokenLookup,
  TokenProvider,
  VendorTokenOptions,
} from './resolve-token.js'
export { createTokenLookup } from './resolve-token.js'
export { grantedScopes, requiredScopes } from './scopes.js'
export type { BearerChallenge } from './www-authenticate.js'
export { bearerChallenge } from './www-authenticate.js'
