export * from './adapter/index.js'
export { basicCredentials, formEncode } from './basic-auth.js'
export { cacheKey } from './cache-key.js'
export { ManualClock, systemClock } from './clock.js'
export type { AuthorizationServerMetadata, DiscoverOptions } from './discovery.js'
export { DiscoveryCache, discover } from './discovery.js'
export type { VendorTokenErrorOptions } from './errors.js'
export {
  AuthorizationCallbackError,
  ConfigurationError,
  DiscoveryError,
  InvalidParamsError,
  InvalidTokenResponseError,
  ManagerClosedError,
  NotSignedInError,
  TokenEndpointUnavailableError,
  TokenRequestRejectedError,
  TokenRequestTimeoutError,
  UnknownVendorError,
  VendorTokenError,
} from './errors.js'
export type { ClientAuthMethod } from './grants/client-auth.js'
export { clientCredentials } from './grants/client-credentials.js'
export type { ClientCredentialsOptions } from './grants/client-credentials-options.js'
export { decodeJwtPayload } from './jwt-decode.js'
export { silentLogger } from './logger.js'
export { TokenManager } from './manager.js'
export { redact } from './redact.js'
export { parseRetryAfter, retryDelay } from './retry.js'
export { MemoryTokenStore } from './store/memory.js'
export { Token } from './token.js'
export type {
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
