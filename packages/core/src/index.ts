// What an application uses. The toolkit for writing an adapter (a framework adapter, a store,
// a preset) is the `@vendor-token/core/adapter` entry (src/adapter/index.ts).
export { ManualClock } from './clock.js'
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
  VendorTokenError,
} from './errors.js'
export type { ClientAuthMethod } from './grants/client-auth.js'
export type { ClientAuthOptions } from './grants/client-auth-options.js'
export { clientCredentials } from './grants/client-credentials.js'
export type { ClientCredentialsOptions } from './grants/client-credentials-options.js'
export type { PrivateKeyInput, SigningAlgorithm } from './grants/signing-key.js'
export type { TlsClientOptions } from './grants/tls-certificate.js'
export { silentLogger, stderrLogger } from './logger.js'
export type { AuthorizationUrlOptions } from './manager.js'
export { TokenManager } from './manager.js'
export { authorizationCode } from './sign-in/authorization-code.js'
export type { SignedInToken, SignOutResult } from './sign-in/flows.js'
export type {
  AuthorizationCodeEndpoints,
  AuthorizationCodeOptions,
  UserClientAuthMethod,
} from './sign-in/options.js'
export type { CallbackQuery } from './sign-in/state.js'
export type { UserTokenSource } from './sign-in/user-source.js'
export type { MemoryTokenStoreOptions } from './store/memory.js'
export { MemoryTokenStore } from './store/memory.js'
export type { Token } from './token.js'
export type {
  CacheStats,
  Clock,
  GetTokenOptions,
  Logger,
  RetryOptions,
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
