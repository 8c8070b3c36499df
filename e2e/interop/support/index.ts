export type { MockServer, MockServerOptions, MockTokenRequest } from './mock-server.js'
export { startMockServer } from './mock-server.js'
export type {
  ClientMetadata,
  OidcProviderOptions,
  OidcProviderServer,
} from './oidc-provider-server.js'
export { startOidcProvider } from './oidc-provider-server.js'
export type { GrantRecord } from './provider-log.js'
export { ProviderLog } from './provider-log.js'
export type { ProviderLoginOptions } from './provider-login.js'
export { completeProviderLogin } from './provider-login.js'
export { signInThroughProvider } from './sign-in.js'
