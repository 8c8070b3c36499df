export type {
  AdapterUnderTest,
  BearerRoute,
  ReadHeader,
  SignInAppRoutes,
  TokenSourceUnderTest,
  TokenView,
  VendorTokenMount,
  VendorTokenOptionsUnderTest,
} from './adapter.js'
export { type CapturingLogger, capturingLogger } from './capturing-logger.js'
export { fingerprint } from './fingerprint.js'
export { listen, type RunningApp } from './listen.js'
export { describeClientDisconnect } from './suites/client-disconnect.js'
export { describeEndpointOutage } from './suites/endpoint-outage.js'
export { describeErrorsNext } from './suites/errors-next.js'
export { describeMountChecks } from './suites/mount-checks.js'
export { describeNotSignedIn } from './suites/not-signed-in.js'
export { describePerRequestParams } from './suites/per-request-params.js'
export { describeRejectedCredentials } from './suites/rejected-credentials.js'
export { describeRequireBearer } from './suites/require-bearer.js'
export { describeRequireBearerJwksDown } from './suites/require-bearer-jwks-down.js'
export { describeSessionEnded } from './suites/session-ended.js'
export { describeSeveralVendors } from './suites/several-vendors.js'
export { describeSignIn } from './suites/sign-in.js'
export { describeStampede } from './suites/stampede.js'
