// API report of @vendor-token/verify: 5 values, 9 types exported.
// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:
// `npm run api:update` rewrites it. A diff here is a change to the public API.

export interface JwksFetchMessage {
    readonly reason: 'initial' | 'stale' | 'unknown_kid';
    readonly outcome: 'ok' | 'unavailable' | 'closed';
    readonly keyCount?: number;
    readonly changed?: boolean;
    readonly durationMs: number;
    readonly cooldownMs: number;
}

export interface KeySetStats {
    fetches: number;
    version: number;
    lastError: string | undefined;
}

export declare const VERIFY_DIAGNOSTICS_CHANNELS: {
    readonly verify: 'vendor-token:verify';
    readonly jwks: 'vendor-token:jwks';
};

export declare const VERIFY_ERROR_CODES: readonly VerifyErrorCode[];

export interface VerifiedToken {
    payload: Readonly<JWTPayload>;
    protectedHeader: Readonly<JWSHeaderParameters>;
}

export interface Verifier {
    verify(token: string): Promise<VerifiedToken>;
    verifyMany(tokens: readonly string[]): Promise<Array<VerifiedToken | VerifyError>>;
    stats(): VerifierStats;
    close(): Promise<void>;
}

export interface VerifierClock {
    now(): number;
}

export interface VerifierOptions {
    jwksUri?: string | URL;
    jwks?: JSONWebKeySet;
    issuer: string;
    audience?: string | readonly string[];
    algorithms?: readonly string[];
    clockToleranceSeconds?: number;
    requiredClaims?: readonly string[];
    accessTokensOnly?: boolean;
    clientId?: string | readonly string[];
    threads?: number;
    cache?: {
        max?: number;
    } | false;
    fetch?: typeof globalThis.fetch;
    jwksCacheMaxAgeMs?: number;
    jwksTimeoutMs?: number;
    jwksMaxBytes?: number;
    jwksCooldownMs?: number;
    maxTokenLength?: number;
    maxBatchSize?: number;
    clock?: VerifierClock;
}

export declare class VerifierOptionsError extends TypeError {
    readonly code = "invalid_options";
    readonly name = "VerifierOptionsError";
}

export interface VerifierStats {
    threads: number;
    workersStarted: number;
    queued: number;
    inFlightBatches: number;
    batchesSent: number;
    cache: {
        size: number;
        hits: number;
        misses: number;
    };
    jwks: KeySetStats;
}

export interface VerifyBatchMessage {
    readonly size: number;
    readonly durationMs: number;
    readonly outcomes: Readonly<Partial<Record<'ok' | VerifyErrorCode, number>>>;
}

export declare class VerifyError extends Error {
    readonly code: VerifyErrorCode;
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    constructor(code: VerifyErrorCode, message?: string, options?: {
        cause?: unknown;
    });
    toJSON(): {
        name: string;
        code: VerifyErrorCode;
        message: string;
        status: number;
    };
}

export type VerifyErrorCode = 'malformed' | 'alg_not_allowed' | 'unknown_kid' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_issuer' | 'wrong_audience' | 'missing_claim' | 'id_token_rejected' | 'jwks_unavailable' | 'too_large' | 'worker_failed' | 'closed';

export declare function createVerifier(options: VerifierOptions): Verifier;
