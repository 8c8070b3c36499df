// API report of @vendor-token/redis: 2 values, 8 types exported.
// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:
// `npm run api:update` rewrites it. A diff here is a change to the public API.

export interface EncryptionKeyEntry {
    id: string;
    key: KeyMaterial;
}

export type EncryptionKeyInput = KeyMaterial | {
    current: EncryptionKeyEntry;
    previous?: readonly EncryptionKeyEntry[];
};

export type KeyMaterial = string | Uint8Array;

export interface LockCallOptions {
    isUsable: (token: StoredToken) => boolean;
    signal?: AbortSignal;
}

export type PubSubMode = 'classic' | 'sharded';

export type RedisClient = Redis | Redis<'resp3'> | Cluster | Cluster<'resp3'>;

export declare class RedisTokenStore extends EventEmitter<RedisTokenStoreEvents> implements TokenStore {
    #private;
    constructor(options: RedisTokenStoreOptions);
    pubSubMode(): Promise<PubSubMode>;
    get available(): boolean;
    get(key: string): Promise<StoredToken | undefined>;
    set(key: string, token: StoredToken): Promise<void>;
    take(key: string): Promise<StoredToken | undefined>;
    delete(key: string): Promise<void>;
    lock(key: string, fetchToken: () => Promise<StoredToken>, options: LockCallOptions): Promise<StoredToken>;
    publishInvalidate(key: string): Promise<void>;
    onInvalidate(listener: (key: string) => void): () => void;
    close(): Promise<void>;
}

export interface RedisTokenStoreEvents {
    unavailable: [{
        error: StoreUnavailableError;
    }];
    available: [];
    warning: [{
        code: string;
        message: string;
        key: string;
    }];
}

export interface RedisTokenStoreOptions {
    redis: RedisClient | string;
    prefix?: string;
    encryptionKey?: EncryptionKeyInput;
    allowPlaintext?: boolean;
    lockTtlMs?: number;
    waitTimeoutMs?: number;
    pollIntervalMs?: number;
    operationTimeoutMs?: number;
    probeIntervalMs?: number;
}

export declare class StoreUnavailableError extends VendorTokenError {
    static readonly code: string;
    readonly code: string;
    readonly status = 503;
}
