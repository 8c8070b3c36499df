// API report of @vendor-token/core: 23 values, 39 types exported.
// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:
// `npm run api:update` rewrites it. A diff here is a change to the public API.

export declare class AuthorizationCallbackError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 400;
    readonly reason: string;
    constructor(message: string, options: VendorTokenErrorOptions & {
        reason: string;
    });
    toJSON(): Record<string, unknown>;
}

export interface AuthorizationCodeEndpoints {
    authorization: string;
    token: string;
    revocation?: string;
}

export interface AuthorizationCodeOptions extends Pick<ClientAuthOptions, 'privateKey' | 'kid' | 'alg' | 'tls'> {
    clientId: string;
    clientSecret?: string;
    issuer?: string;
    endpoints?: AuthorizationCodeEndpoints;
    redirectUri: string;
    scopes: readonly string[];
    auth?: UserClientAuthMethod;
    dpop?: DpopOption;
    extraAuthorizeParams?: Record<string, string>;
    onTokens?: (user: string, tokens: StoredToken) => void | Promise<void>;
}

export interface AuthorizationUrlOptions {
    user: string;
    returnTo?: string | undefined;
}

export interface CacheLookupMessage {
    readonly vendor: string;
    readonly keyHash: string;
    readonly result: 'hit' | 'miss' | 'wait';
    readonly fetchId: number | undefined;
    readonly user: string | undefined;
}

export interface CacheStats {
    entries: number;
    maxEntries: number;
    evictions: {
        max_entries: number;
        idle: number;
    };
}

export type CallbackQuery = URLSearchParams | string | Readonly<Record<string, unknown>>;

export type ClientAuthMethod = 'basic' | 'post' | 'json' | 'basic_and_post' | 'private_key_jwt' | 'tls_client_auth' | 'self_signed_tls_client_auth';

export interface ClientAuthOptions {
    clientId: string;
    clientSecret?: string | undefined;
    auth?: ClientAuthMethod | undefined;
    privateKey?: PrivateKeyInput | undefined;
    kid?: string | undefined;
    alg?: string | undefined;
    assertionAudience?: 'token_endpoint' | 'issuer' | undefined;
    tls?: TlsClientOptions | undefined;
}

export interface ClientCredentialsOptions extends ClientAuthOptions {
    tokenUrl?: string;
    issuer?: string;
    auth?: ClientAuthOptions['auth'];
    dpop?: DpopOption;
    scope?: string | readonly string[];
    extraParams?: Record<string, string> | ((params: TokenParams) => Record<string, string>);
    headers?: Record<string, string>;
    mapResponse?: (body: unknown) => TokenResponse;
    normalizeParams?: (params: TokenParams, vendor: string) => TokenParams;
}

export interface Clock {
    now(): number;
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

export declare class ConfigurationError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
}

export declare const DIAGNOSTICS_CHANNELS: {
    readonly fetch: 'vendor-token:fetch';
    readonly retry: 'vendor-token:retry';
    readonly cache: 'vendor-token:cache';
    readonly invalidate: 'vendor-token:invalidate';
    readonly evict: 'vendor-token:evict';
    readonly signin: 'vendor-token:signin';
};

export declare const DIAGNOSTICS_VERSION = 1;

export declare class DiscoveryError extends TokenEndpointUnavailableError {
    static readonly code: string;
    readonly code: string;
}

export type DpopOption = boolean | {
    privateKey: PrivateKeyInput;
    alg?: string;
};

export interface EvictMessage {
    readonly vendor: string;
    readonly keyHash: string;
    readonly reason: 'max_entries' | 'idle';
    readonly user?: string;
}

export interface FetchContext {
    readonly id: number;
    readonly vendor: string;
    readonly keyHash: string;
    readonly grant: string;
    readonly background: boolean;
    readonly user?: string;
    attempt: number;
    serverAddress?: string;
    outcome?: FetchOutcome;
    httpStatus?: number;
    expiresInSeconds?: number;
    errorCode?: string;
    oauthError?: string;
    error?: unknown;
}

export type FetchOutcome = 'ok' | 'rejected' | 'unavailable' | 'timeout' | 'invalid_response';

export interface FetchRetryMessage {
    readonly fetchId: number;
    readonly vendor: string;
    readonly keyHash: string;
    readonly attempt: number;
    readonly delayMs: number;
    readonly reason: string;
    readonly httpStatus?: number;
}

export interface GetTokenOptions {
    signal?: AbortSignal;
    minValiditySeconds?: number;
}

export declare class InvalidParamsError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 400;
}

export declare class InvalidTokenResponseError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 502;
}

export interface InvalidateMessage {
    readonly vendor: string;
    readonly keyHash: string;
    readonly reason: 'api' | 'unauthorized' | 'remote';
    readonly user?: string;
}

export interface Logger {
    debug(message: string, fields?: Record<string, unknown>): void;
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
}

export declare class ManagerClosedError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 503;
}

export declare class ManualClock implements Clock {
    #private;
    constructor(start?: number);
    now(): number;
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
    get pendingTimers(): number;
    nextTimerAt(): number | undefined;
    advance(ms: number): void;
    advanceAsync(ms: number): Promise<void>;
}

export declare class MemoryTokenStore implements TokenStore {
    #private;
    constructor(clock?: Clock | (() => number), options?: MemoryTokenStoreOptions);
    get(key: string): StoredToken | undefined;
    set(key: string, token: StoredToken): void;
    take(key: string): StoredToken | undefined;
    delete(key: string): void;
    get size(): number;
    close(): void;
    toJSON(): Record<string, unknown>;
    [inspect.custom](): string;
}

export interface MemoryTokenStoreOptions {
    refreshTokenTtlMs?: number;
    sweepIntervalMs?: number;
}

export declare class NotSignedInError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 401;
}

export type PrivateKeyInput = KeyObject | CryptoKey | JsonWebKey | string;

export declare class ReauthenticationRequiredError extends NotSignedInError {
    static readonly code: string;
    readonly code: string;
}

export interface RetryOptions {
    retries?: number;
    minDelayMs?: number;
    maxDelayMs?: number;
}

export interface SignInMessage {
    readonly vendor: string;
    readonly keyHash: string;
    readonly step: 'login' | 'callback' | 'refresh' | 'sign_out';
    readonly outcome: 'ok' | 'refused';
    readonly reason?: string;
    readonly user?: string;
}

export interface SignOutResult {
    revoked: boolean;
}

// exported as a type only
export declare class SignedInToken extends Token {
    readonly returnTo: string | undefined;
    constructor(stored: StoredToken, returnTo: string | undefined);
    toJSON(): Record<string, unknown>;
}

export type SigningAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA';

export interface StoredToken {
    accessToken: string;
    tokenType: string;
    expiresAt: number;
    issuedAt: number;
    scope?: string;
    refreshToken?: string;
    idToken?: string;
    dpopKey?: JsonWebKey;
}

export interface TlsClientOptions {
    cert: string | Buffer;
    key: string | Buffer;
    ca?: string | Buffer | readonly (string | Buffer)[];
}

// exported as a type only
export declare class Token {
    #private;
    readonly accessToken: string;
    readonly tokenType: string;
    readonly expiresAt: number;
    readonly issuedAt: number;
    readonly scope: string | undefined;
    get claims(): Record<string, unknown> | undefined;
    get authorization(): string;
    toJSON(): Record<string, unknown>;
    toString(): string;
    [inspect.custom](_depth: number, options: object): string;
}

export declare class TokenEndpointUnavailableError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 503;
    readonly httpStatus: number | undefined;
    readonly retryAfterMs: number | undefined;
    constructor(message: string, options?: VendorTokenErrorOptions & {
        httpStatus?: number | undefined;
        retryAfterMs?: number | undefined;
    });
    toJSON(): Record<string, unknown>;
}

export interface TokenEvents {
    fetched: [{
        vendor: string;
        key: string;
        expiresAt: number;
        durationMs: number;
    }];
    refreshed: [{
        vendor: string;
        key: string;
        expiresAt: number;
        durationMs: number;
    }];
    failed: [{
        vendor: string;
        key: string;
        error: Error;
        background: boolean;
    }];
    invalidated: [{
        vendor: string;
        key: string;
        remote: boolean;
    }];
    warning: [{
        vendor: string;
        key: string;
        code: string;
        message: string;
    }];
    evicted: [{
        vendor: string;
        key: string;
        reason: 'max_entries' | 'idle';
    }];
    signedOut: [
        {
            vendor: string;
            key: string;
            user: string;
            reason: 'sign_out' | 'refresh_rejected';
        }
    ];
}

export declare class TokenManager extends EventEmitter<TokenEvents> {
    #private;
    constructor(options?: TokenManagerOptions);
    get logger(): Logger;
    get sources(): ReadonlyMap<string, TokenSource>;
    register(vendor: string, source: TokenSource): this;
    getToken(vendor: string, params?: TokenParams, options?: GetTokenOptions): Promise<Token>;
    peekToken(vendor: string, params?: TokenParams): Token | undefined;
    fetch(vendor: string, url: string | URL, init?: RequestInit, params?: TokenParams): Promise<Response>;
    invalidate(vendor: string, params?: TokenParams): Promise<void>;
    setToken(vendor: string, params: TokenParams | undefined, stored: StoredToken): Promise<void>;
    authorizationUrl(vendor: string, options: AuthorizationUrlOptions): Promise<{
        url: string;
        expiresAt: number;
    }>;
    handleCallback(vendor: string, query: CallbackQuery, options: {
        user: string;
    }): Promise<SignedInToken>;
    signOut(vendor: string, options: {
        user: string;
    }): Promise<SignOutResult>;
    status(): TokenStatus[];
    cacheStats(): CacheStats;
    close(): Promise<void>;
    toJSON(): Record<string, unknown>;
    [inspect.custom](_depth: number, options: object): string;
}

export interface TokenManagerOptions {
    store?: TokenStore;
    skewSeconds?: number;
    refreshAheadRatio?: number;
    timeoutMs?: number;
    retry?: RetryOptions;
    failureCooldownMs?: number;
    defaultLifetimeSeconds?: number;
    allowInsecureHttp?: boolean;
    maxEntries?: number;
    idleTtlMs?: number;
    clock?: Clock;
    fetch?: typeof globalThis.fetch;
    logger?: Logger;
    random?: () => number;
    traceUserIds?: boolean;
}

export interface TokenParams {
    scopes?: readonly string[];
    user?: string;
    [extra: string]: unknown;
}

export interface TokenRequestContext {
    vendor: string;
    params: TokenParams;
    previous: StoredToken | undefined;
    signal: AbortSignal;
    fetch: typeof globalThis.fetch;
    clock: Clock;
    logger: Logger;
}

export declare class TokenRequestRejectedError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 502;
    readonly httpStatus: number;
    readonly oauthError: string | undefined;
    constructor(message: string, options: VendorTokenErrorOptions & {
        httpStatus: number;
        oauthError?: string | undefined;
    });
    toJSON(): Record<string, unknown>;
}

export declare class TokenRequestTimeoutError extends TokenEndpointUnavailableError {
    static readonly code: string;
    readonly code: string;
}

export interface TokenResponse {
    accessToken: unknown;
    tokenType?: unknown;
    expiresIn?: unknown;
    scope?: unknown;
    refreshToken?: unknown;
    idToken?: unknown;
    requestedAt?: number;
    dpopKey?: JsonWebKey;
}

export interface TokenSource {
    readonly kind: string;
    validate?(vendor: string, options: {
        allowInsecureHttp: boolean;
    }): void;
    normalizeParams?(params: TokenParams, vendor: string): TokenParams;
    requestToken(context: TokenRequestContext): Promise<TokenResponse>;
    readonly defaultLifetimeSeconds?: number;
    readonly allowedTokenTypes?: readonly string[];
    onTokens?(params: TokenParams, token: StoredToken): void | Promise<void>;
    readonly sender?: SenderConstraint;
    readonly apiHeaders?: Readonly<Record<string, string>>;
}

export interface TokenStatus {
    vendor: string;
    key: string;
    state: 'empty' | 'fetching' | 'valid' | 'refreshing' | 'expired' | 'failed';
    expiresAt: number | undefined;
    expiresInSeconds: number | undefined;
    fetchCount: number;
    lastErrorCode: string | undefined;
    lastErrorAt: number | undefined;
}

export interface TokenStore {
    get(key: string): Promise<StoredToken | undefined> | StoredToken | undefined;
    set(key: string, token: StoredToken): Promise<void> | void;
    delete(key: string): Promise<void> | void;
    lock?(key: string, fetchToken: () => Promise<StoredToken>, options: {
        isUsable: (token: StoredToken) => boolean;
        signal?: AbortSignal;
    }): Promise<StoredToken>;
    take?(key: string): Promise<StoredToken | undefined> | StoredToken | undefined;
    onInvalidate?(listener: (key: string) => void): () => void;
    publishInvalidate?(key: string): Promise<void> | void;
    close?(): Promise<void> | void;
}

export declare class UnknownVendorError extends ConfigurationError {
    static readonly code: string;
    readonly code: string;
}

export type UserClientAuthMethod = (typeof USER_CLIENT_AUTH_METHODS)[number];

export interface UserTokenSource extends TokenSource {
    prepareAuthorization(state: string, context: SignInStepContext): Promise<PreparedAuthorization>;
    exchangeCode(callback: AuthorizationCallback, context: SignInStepContext): Promise<TokenResponse>;
    revoke(token: StoredToken, context: SignInStepContext): Promise<boolean>;
}

export declare class VendorTokenError extends Error {
    static readonly code: string;
    readonly code: string;
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly vendor: string | undefined;
    constructor(message: string, options?: VendorTokenErrorOptions);
    get statusCode(): number;
    get expose(): boolean;
    toJSON(): Record<string, unknown>;
}

export interface VendorTokenErrorOptions {
    vendor?: string;
    cause?: unknown;
    headers?: Record<string, string>;
}

export declare function authorizationCode(options: AuthorizationCodeOptions): UserTokenSource;

export declare function clientCredentials(options: ClientCredentialsOptions): TokenSource;

export declare function diagnosticsKeyHash(key: string): string;

export declare const silentLogger: Logger;

export declare const stderrLogger: Logger;

// Not exported by name from this entry (some are from another entry of the package),
// reachable from the exports above:

interface AuthorizationCallback {
    code: string;
    iss: string | undefined;
    verifier: string;
    nonce: string | undefined;
}

interface PreparedAuthorization {
    url: string;
    verifier: string;
    nonce?: string;
}

interface SenderConstraint {
    authorize(url: URL, init: RequestInit, token: Token, now: number): Promise<RequestInit>;
    observe(url: URL, response: Response): boolean;
}

type SignInStepContext = Pick<TokenRequestContext, 'vendor' | 'fetch' | 'signal' | 'clock' | 'logger'>;

declare const USER_CLIENT_AUTH_METHODS: readonly ['basic', 'post', 'private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'];
