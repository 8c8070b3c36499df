// API report of @vendor-token/opentelemetry: 6 values, 3 types exported.
// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:
// `npm run api:update` rewrites it. A diff here is a change to the public API.

export declare const ATTR: {
    readonly vendor: 'vendor_token.vendor';
    readonly grant: 'vendor_token.grant';
    readonly outcome: 'vendor_token.outcome';
    readonly keyHash: 'vendor_token.key_hash';
    readonly background: 'vendor_token.background';
    readonly attempts: 'vendor_token.attempts';
    readonly user: 'vendor_token.user';
    readonly oauthError: 'vendor_token.oauth_error';
    readonly cacheResult: 'vendor_token.cache.result';
    readonly jwksReason: 'vendor_token.jwks.reason';
    readonly retryAttempt: 'vendor_token.retry.attempt';
    readonly retryDelayMs: 'vendor_token.retry.delay_ms';
    readonly retryReason: 'vendor_token.retry.reason';
    readonly httpStatus: 'http.response.status_code';
    readonly serverAddress: 'server.address';
    readonly errorType: 'error.type';
};

export declare const FETCH_SPAN = "vendor-token.fetch";

export interface InstrumentOptions {
    tracerProvider?: TracerProvider;
    meterProvider?: MeterProvider;
    managers?: readonly StatusSource[];
}

export interface Instrumentation {
    disable(): void;
}

export declare const METRIC: {
    readonly fetchDuration: 'vendor_token.fetch.duration';
    readonly fetchFailures: 'vendor_token.fetch.failures';
    readonly cacheLookups: 'vendor_token.cache.lookups';
    readonly timeToExpiry: 'vendor_token.token.time_to_expiry';
    readonly verifyTokens: 'vendor_token.verify.tokens';
    readonly verifyBatchDuration: 'vendor_token.verify.batch.duration';
    readonly jwksFetches: 'vendor_token.jwks.fetches';
};

export declare const RETRY_EVENT = "retry";

export declare const SCOPE_NAME = "@vendor-token/opentelemetry";

export interface StatusSource {
    status(): readonly TokenStatus[];
}

export declare function instrumentVendorToken(options?: InstrumentOptions): Instrumentation;
