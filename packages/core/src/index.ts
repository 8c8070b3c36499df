export * from './adapter/index.js'
export type { MissingUserOptions } from './adapter/missing-user.js'
export { createLoginRedirect } from './adapter/missing-user.js'
export type { SignInAnswer } from './adapter/sign-in-page.js'
export { signInErrorAnswer } from './adapter/sign-in-page.js'
export type {
  SignInOptions,
  SignInProvider,
  SignInRequest,
  SignInRoutes,
} from './adapter/sign-in-routes.js'
export { createSignInRoutes } from './adapter/sign-in-routes.js'
export { basicCredentials, formEncode } from './basic-auth.js'
export { cacheKey } from './cache-key.js'
export { ManualClock, systemClock } from './clock.js'
export type {
  CacheLookupMessage,
  EvictMessage,
  FetchContext,
  FetchOutcome,
  FetchRetryMessage,
  InvalidateMessage,
  SignInMessage,
} from './diagnostics.js'
export { DIAGNOSTICS_CHANNELS, DIAGNOSTICS_VERSION, diagnosticsKeyHash } from './diagnostics.js'
export type { AuthorizationServerMetadata, DiscoverOptions } from './discovery.js'
export { DiscoveryCache, discover } from './discovery.js'
export type { DpopOption } from './dpop/dpop-options.js'
export type { VendorTokenErrorOptions } from './errors.js'
export {
  AuthorizationCallbackError,
  ConfigurationError,
  DiscoveryError,
  InvalidParamsError,
  InvalidTokenResponseError,
  ManagerClosedError,
  NotSignedInError,
  ReauthenticationRequiredError,
  TokenEndpointUnavailableError,
  TokenRequestRejectedError,
  TokenRequestTimeoutError,
  UnknownVendorError,
  unknownVendor,
  VendorTokenError,
} from './errors.js'
export type { ClientAuthMethod } from './grants/client-auth.js'
export type { ClientAuthOptions } from './grants/client-auth-options.js'
export { clientCredentials } from './grants/client-credentials.js'
export type { ClientCredentialsOptions } from './grants/client-credentials-options.js'
export type { PrivateKeyInput, SigningAlgorithm } from './grants/signing-key.js'
export type { TlsClientOptions } from './grants/tls-certificate.js'
export { decodeJwtPayload } from './jwt-decode.js'
export { silentLogger, stderrLogger } from './logger.js'
export type { AuthorizationUrlOptions } from './manager.js'
export { TokenManager } from './manager.js'
export { redact } from './redact.js'
export { parseRetryAfter, retryDelay } from './retry.js'
export type { Pkce } from './sign-in/authorization-code.js'
export { authorizationCode, createPkce, pkceChallenge } from './sign-in/authorization-code.js'
export type { SignOutResult } from './sign-in/flows.js'
export { SignedInToken } from './sign-in/flows.js'
export type {
  AuthorizationCodeEndpoints,
  AuthorizationCodeOptions,
  UserClientAuthMethod,
} from './sign-in/options.js'
export { checkReturnTo } from './sign-in/return-to.js'
export type { CallbackQuery } from './sign-in/state.js'
export { AUTHORIZATION_STATE_TTL_MS } from './sign-in/state.js'
export type {
  AuthorizationCallback,
  PreparedAuthorization,
  SignInStepContext,
  UserTokenSource,
} from './sign-in/user-source.js'
export { isUserTokenSource } from './sign-in/user-source.js'
export type { MemoryTokenStoreOptions } from './store/memory.js'
export { MemoryTokenStore } from './store/memory.js'
export { Token } from './token.js'
export type {
  CacheStats,
  Clock,
  GetTokenOptions,
  Logger,
  RetryOptions,
  SenderConstraint,
  StoredToken,
  TokenEvents,
  TokenManagerOptions,
  TokenParams,
  TokenRequestContext,
  TokenResponse,
  TokenSource,
  TokenStatus,
  TokenStore,
} from './types.js'
