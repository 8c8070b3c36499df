export type { CompleteTestLoginOptions } from './complete-test-login.js'
export { completeTestLogin } from './complete-test-login.js'
export { CookieJar } from './cookie-jar.js'
export { testCredentials } from './credentials.js'
export type { Emulator, EmulatorVendors } from './emulator-types.js'
export { InvalidFaultError } from './faults.js'
export type { OidcProviderModule } from './oidc/load.js'
export { loadOidcProvider } from './oidc/load.js'
export { startEmulator } from './server.js'
export type { TestAdvisorTokens } from './sign-in-test-advisor.js'
export { signInTestAdvisor } from './sign-in-test-advisor.js'
export type {
  EmulatorLogger,
  EmulatorOptions,
  EndpointKind,
  FaultSpec,
  VendorName,
  VendorStats,
} from './types.js'
export { vendorNames } from './types.js'
export type { SignInPage, WalkOptions } from './walk-to-redirect.js'
export { decodeHtml, walkToRedirectUri } from './walk-to-redirect.js'
