/** Names this package emits: the span, its attributes and events, and the metrics. Public: dashboards use them. */

/** The instrumentation scope of the tracer and the meter. */
export const SCOPE_NAME = '@vendor-token/opentelemetry'

export const FETCH_SPAN = 'vendor-token.fetch'
export const RETRY_EVENT = 'retry'

export const ATTR = {
  vendor: 'vendor_token.vendor',
  grant: 'vendor_token.grant',
  outcome: 'vendor_token.outcome',
  keyHash: 'vendor_token.key_hash',
  background: 'vendor_token.background',
  attempts: 'vendor_token.attempts',
  user: 'vendor_token.user',
  oauthError: 'vendor_token.oauth_error',
  cacheResult: 'vendor_token.cache.result',
  jwksReason: 'vendor_token.jwks.reason',
  retryAttempt: 'vendor_token.retry.attempt',
  retryDelayMs: 'vendor_token.retry.delay_ms',
  retryReason: 'vendor_token.retry.reason',
  httpStatus: 'http.response.status_code',
  serverAddress: 'server.address',
  errorType: 'error.type',
} as const

export const METRIC = {
  fetchDuration: 'vendor_token.fetch.duration',
  fetchFailures: 'vendor_token.fetch.failures',
  cacheLookups: 'vendor_token.cache.lookups',
  timeToExpiry: 'vendor_token.token.time_to_expiry',
  verifyTokens: 'vendor_token.verify.tokens',
  verifyBatchDuration: 'vendor_token.verify.batch.duration',
  jwksFetches: 'vendor_token.jwks.fetches',
} as const

/** Seconds: token requests and verify batches take milliseconds to seconds. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
