// API report of @vendor-token/emulator: 10 values, 13 types exported.
// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:
// `npm run api:update` rewrites it. A diff here is a change to the public API.

export interface CompleteTestLoginOptions {
    username?: string;
    password?: string;
    cancel?: boolean;
    jar?: CookieJar;
    fetch?: typeof fetch;
    maxSteps?: number;
}

export declare class CookieJar {
    #private;
    store(response: Response, now?: number): void;
    header(url: string | URL, now?: number): string | undefined;
}

export interface Emulator {
    url: string;
    vendors: EmulatorVendors;
    stats(vendor?: VendorName): VendorStats;
    resetStats(): void;
    fault(vendor: VendorName, spec: FaultSpec): void;
    clearFaults(vendor?: VendorName): void;
    revokeTokens(vendor: VendorName): void;
    rotateKeys(vendor: 'bridgeft' | 'wealthcom'): Promise<void>;
    setRedirectUris(uris: readonly string[]): void;
    addClient(metadata: Record<string, unknown>): void;
    close(): Promise<void>;
}

export interface EmulatorLogger {
    debug?(message: string, meta?: Record<string, unknown>): void;
    info?(message: string, meta?: Record<string, unknown>): void;
    warn?(message: string, meta?: Record<string, unknown>): void;
    error?(message: string, meta?: Record<string, unknown>): void;
}

export interface EmulatorOptions {
    port?: number;
    tokenTtlSeconds?: number | Partial<Record<VendorName, number>>;
    modelPortfolios?: {
        correctedSpelling?: boolean;
    };
    wealthcom?: {
        redirectUris?: string[];
        allowAnyLoopbackRedirect?: boolean;
        refreshTokenTtlSeconds?: number;
    };
    now?: () => number;
    logger?: EmulatorLogger;
    controlRoutes?: boolean;
}

export interface EmulatorVendors {
    bridgeft: {
        baseUrl: string;
        tokenUrl: string;
        jwksUri: string;
        clientId: string;
        clientSecret: string;
        issuer: string;
        audience: string;
    };
    modelPortfolios: {
        baseUrl: string;
        tokenUrl: string;
        apiVersion: string;
        clientId: string;
        clientSecret: string;
    };
    apiture: {
        issuer: string;
        baseUrl: string;
        clientId: string;
        clientSecret: string;
        scopes: readonly ['banking/read', 'banking/write'];
    };
    wealthcom: {
        baseUrl: string;
        username: string;
        password: string;
        issuer: string;
        audience: string;
        jwksUri: string;
        clientId: string;
        clientSecret: string;
        publicClientId: string;
        redirectUris: string[];
        testLogin: {
            username: string;
            password: string;
        };
    };
}

export type EndpointKind = 'token' | 'resource' | 'jwks' | 'discovery';

export interface FaultSpec {
    on?: EndpointKind;
    times?: number;
    latencyMs?: number;
    status?: number;
    retryAfterSeconds?: number;
    body?: string;
    hang?: boolean;
    reset?: boolean;
    malformedJson?: boolean;
    contentType?: string;
    missingFields?: boolean;
    hugeBodyBytes?: number;
    trickleMs?: number;
    tokenTtlSeconds?: number;
}

export declare class InvalidFaultError extends TypeError {
    name: string;
}

export interface OidcProviderModule {
    Provider: typeof Provider;
    errors: typeof errors;
}

export interface SignInPage {
    url: URL;
    html: string;
}

export interface TestAdvisorTokens {
    accessToken: string;
    idToken: string;
}

export type VendorName = 'bridgeft' | 'modelPortfolios' | 'apiture' | 'wealthcom';

export interface VendorStats {
    tokenRequests: number;
    tokenRequestsByGrantType: Record<string, number>;
    resourceRequests: number;
    rejectedExpired: number;
    rejectedInvalid: number;
    jwksRequests: number;
    discoveryRequests: number;
    faultedRequests: number;
}

export interface WalkOptions {
    submit: (page: SignInPage) => {
        action: URL;
        body: URLSearchParams;
    } | undefined;
    jar?: CookieJar | undefined;
    fetch?: typeof fetch | undefined;
    dispatcher?: unknown;
    maxSteps?: number | undefined;
    label: string;
}

export declare function completeTestLogin(authorizationUrl: string | URL, options?: CompleteTestLoginOptions): Promise<string>;

export declare function decodeHtml(value: string): string;

export declare function loadOidcProvider(): Promise<OidcProviderModule>;

export declare function signInTestAdvisor(emulator: Emulator, scope: string): Promise<TestAdvisorTokens>;

export declare function startEmulator(options?: EmulatorOptions): Promise<Emulator>;

export declare const testCredentials: {
    readonly bridgeft: {
        readonly clientId: 'emu-bridgeft-client';
        readonly clientSecret: 'emu-bridgeft-secret:FAKE/not+real';
    };
    readonly modelPortfolios: {
        readonly clientId: 'emu-modelportfolios-client';
        readonly clientSecret: 'emu-modelportfolios-secret-FAKE';
    };
    readonly apiture: {
        readonly clientId: 'emu-apiture-client';
        readonly clientSecret: 'emu-apiture-secret-FAKE';
    };
    readonly wealthcom: {
        readonly username: 'emu-wealthcom-advisor-api';
        readonly password: 'emu-wealthcom-password-FAKE';
        readonly clientId: 'emu-wealthcom-app';
        readonly clientSecret: 'emu-wealthcom-app-secret-FAKE';
        readonly publicClientId: 'emu-wealthcom-spa';
        readonly testLogin: {
            readonly username: 'advisor@emulator.test';
            readonly password: 'emu-advisor-login-FAKE';
        };
    };
};

export declare const vendorNames: readonly VendorName[];

export declare function walkToRedirectUri(authorizationUrl: string | URL, options: WalkOptions): Promise<string>;
