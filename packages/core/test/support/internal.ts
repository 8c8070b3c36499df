// Names core's own tests use that are not part of the public entries (`src/index.ts`,
// `src/adapter/index.ts`): one place to follow when a file moves.
export { formEncode } from '../../src/basic-auth.js'
export { DiscoveryCache, discover } from '../../src/discovery.js'
export { redact } from '../../src/redact.js'
export { parseRetryAfter, retryDelay } from '../../src/retry.js'
export { createPkce, pkceChallenge } from '../../src/sign-in/authorization-code.js'
export { checkReturnTo } from '../../src/sign-in/return-to.js'
export { AUTHORIZATION_STATE_TTL_MS } from '../../src/sign-in/state.js'
export { Token } from '../../src/token.js'
