// API report of @vendor-token/core/adapter: 20 values, 18 types exported.
// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:
// `npm run api:update` rewrites it. A diff here is a change to the public API.

export interface BearerAuth {
    payload: BearerClaims;
    scopes: readonly string[];
}

export interface BearerClaims {
    iss?: string;
    sub?: string;
    aud?: string | string[];
    exp?: number;
    nbf?: number;
    iat?: number;
    jti?: string;
    client_id?: string;
    scope?: string;
    scp?: string | string[];
    [claim: string]: unknown;
}

export declare class BearerTokenMissingError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 401;
    constructor(options?: BearerErrorOptions);
}

export interface BearerVerifier {
    verify(token: string): Promise<{
        payload: Record<string, unknown>;
    }>;
}

export declare class BearerVerifierUnavailableError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 503;
    constructor(options?: BearerErrorOptions & {
        retryAfterSeconds?: number | undefined;
    });
}

export interface FailureContext {
    vendor?: string | undefined;
    requestId?: string | undefined;
}

export interface FailureHandling {
    readonly handOver: boolean;
    report(error: unknown, answer: HttpAnswer, requestId: string | undefined): void;
}

export interface FailureOptions {
    errors?: ErrorsMode;
    logger?: Logger;
}

export interface HttpAnswer {
    status: number;
    headers: Record<string, string>;
    body: {
        error: string;
        message: string;
    };
}

export declare class InsufficientScopeError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 403;
    readonly requiredScopes: readonly string[];
    constructor(requiredScopes: readonly string[], options?: BearerErrorOptions);
    toJSON(): Record<string, unknown>;
}

export declare class InvalidBearerTokenError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 401;
    constructor(options?: BearerErrorOptions);
}

export interface MissingUserOptions {
    onMissingUser?: 'reject' | 'redirect';
    loginPath?: string;
}

export interface RequireBearerOptions extends FailureOptions {
    scopes?: string | readonly string[];
    realm?: string;
}

export interface SignInAnswer {
    status: number;
    headers: Record<string, string>;
    body?: string;
}

export interface SignInOptions<R> extends FailureOptions {
    userKey: (request: R) => string | undefined;
    loginPath?: string;
    callbackPath?: string;
    afterSignIn?: string;
}

export interface SignInProvider extends VendorRegistry {
    readonly logger?: Logger;
    authorizationUrl(vendor: string, options: {
        user: string;
        returnTo?: string;
    }): Promise<{
        url: string;
    }>;
    handleCallback(vendor: string, query: URLSearchParams, options: {
        user: string;
    }): Promise<{
        returnTo?: string | undefined;
    }>;
}

export interface SignInRequest {
    method: string;
    path: string;
    search: string;
    accept: string | undefined;
    requestId?: string | undefined;
}

export interface SignInRoutes<R> {
    readonly loginPath: string;
    readonly callbackPath: string;
    answer(request: R, input: SignInRequest): Promise<SignInAnswer> | undefined;
}

export interface TokenLookup<R, T> {
    params(request: R): TokenParams | undefined;
    peek(params: TokenParams | undefined): T | undefined;
    get(params: TokenParams | undefined, options?: GetTokenOptions): Promise<T>;
}

export interface TokenProvider<T> extends VendorRegistry {
    getToken(vendor: string, params?: TokenParams, options?: GetTokenOptions): Promise<T>;
    peekToken?(vendor: string, params?: TokenParams): T | undefined;
    readonly logger?: Logger;
}

export interface TokenTarget<T> {
    vendorToken?: T;
    vendorTokens?: Record<string, T>;
}

export interface VendorTokenOptions<R> extends MissingUserOptions, FailureOptions {
    params?: (request: R) => TokenParams | undefined;
    user?: (request: R) => string | undefined;
}

export declare function abortOnDisconnect(req: IncomingMessage): GetTokenOptions;

export declare function attachToken<T>(target: TokenTarget<T>, vendor: string, token: T): void;

export declare function basicCredentials(id: string, secret: string): string;

export declare function cacheKey(vendor: string, params: TokenParams | undefined): string;

export declare function checkScopes(scopes: unknown, fail: (message: string) => Error, options?: {
    nonEmpty?: boolean;
}): string[];

export declare function clientGone(res: ServerResponse): boolean;

export declare function createBearerAuthenticator(verifier: BearerVerifier, options?: RequireBearerOptions): (authorization: string | undefined) => Promise<BearerAuth>;

export declare function createFailureHandling(where: string, options: FailureOptions, context: {
    message: string;
    vendor?: string | undefined;
    logger?: Logger | undefined;
}): FailureHandling;

export declare function createLoginRedirect(options: MissingUserOptions, vendor: string): (error: unknown, method: string, url: string) => string | undefined;

export declare function createSignInRoutes<R>(manager: SignInProvider, vendor: string, options: SignInOptions<R>): SignInRoutes<R>;

export declare function createTokenLookup<R, T>(manager: TokenProvider<T>, vendor: string, options?: VendorTokenOptions<R>): TokenLookup<R, T>;

export declare function decodeJwtPayload(token: string): Record<string, unknown> | undefined;

export declare function reportFailure(logger: Logger, message: string, error: unknown, answer: HttpAnswer, context?: FailureContext): void;

export declare function requestIdOf(id: unknown, header: unknown): string | undefined;

export declare function signInErrorAnswer(answer: HttpAnswer, error: unknown, accept: string | undefined, loginPath: string): SignInAnswer;

export declare function toHttpAnswer(error: unknown): HttpAnswer;

// Not exported by name from this entry (some are from another entry of the package),
// reachable from the exports above:

type BearerErrorOptions = Omit<VendorTokenErrorOptions, 'headers'> & {
    realm?: string | undefined;
};

type ErrorsMode = 'respond' | 'next';

interface GetTokenOptions {
    signal?: AbortSignal;
    minValiditySeconds?: number;
}

interface Logger {
    debug(message: string, fields?: Record<string, unknown>): void;
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
}

interface TokenParams {
    scopes?: readonly string[];
    user?: string;
    [extra: string]: unknown;
}

interface VendorRegistry {
    readonly sources?: {
        has(vendor: string): boolean;
        keys(): Iterable<string>;
    } | undefined;
}

declare class VendorTokenError extends Error {
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

interface VendorTokenErrorOptions {
    vendor?: string;
    cause?: unknown;
    headers?: Record<string, string>;
}
