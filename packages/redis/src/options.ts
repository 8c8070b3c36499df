import { ConfigurationError } from '@vendor-token/core'
import type { RedisClient } from './client.js'
import type { EncryptionKeyInput } from './crypto.js'

/** Options of `new RedisTokenStore(...)`. */
export interface RedisTokenStoreOptions {
  /**
   * An ioredis client the store uses as given and does not close: a `Redis` (standalone or
   * Sentinel-configured) or a `Cluster`. Or a `redis://` URL (the store creates and closes its
   * own client, with no offline queue so commands fail fast while Redis is down).
   */
  redis: RedisClient | string
  /** Prefix of every key and of the pub/sub channel. Default `vendor-token:`. */
  prefix?: string
  /**
   * AES-256-GCM key for tokens at rest: 32 bytes, or a string (64 hex chars, base64 of 32 bytes,
   * or any passphrase of at least 32 characters, stretched with HKDF-SHA256), or a key ring
   * `{ current: { id, key }, previous: [...] }` for rotation. Required unless `allowPlaintext`.
   */
  encryptionKey?: EncryptionKeyInput
  /** Stores tokens unencrypted when no `encryptionKey` is given. Default false. */
  allowPlaintext?: boolean
  /** Lifetime of the fetch lock; a holder that dies loses it after this. Default 15_000. */
  lockTtlMs?: number
  /**
   * A waiter gives up on a lock holder that has not delivered after this and fetches itself
   * (counted again when the lock changes hands). Default 2 × lockTtlMs.
   */
  waitTimeoutMs?: number
  /** Waiters re-check Redis this often if no notification arrives. Default 250. */
  pollIntervalMs?: number
  /** A Redis command slower than this counts as Redis being unavailable. Default 2_000. */
  operationTimeoutMs?: number
  /** While Redis is unavailable, how often the store checks whether it is back. Default 1_000. */
  probeIntervalMs?: number
}

/** Options with defaults applied and validated. */
export interface ResolvedOptions {
  prefix: string
  lockTtlMs: number
  waitTimeoutMs: number
  pollIntervalMs: number
  operationTimeoutMs: number
  probeIntervalMs: number
}

/**
 * Applies defaults and validates the numbers and the prefix.
 * @throws ConfigurationError
 */
export function resolveOptions(options: RedisTokenStoreOptions): ResolvedOptions {
  if (typeof options.redis !== 'string' && typeof options.redis?.status !== 'string') {
    throw new ConfigurationError(
      'RedisTokenStore: `redis` must be an ioredis Redis or Cluster client, or a redis:// URL',
    )
  }
  const prefix = options.prefix ?? 'vendor-token:'
  if (typeof prefix !== 'string') {
    throw new ConfigurationError('RedisTokenStore: `prefix` must be a string')
  }
  const lockTtlMs = positive('lockTtlMs', options.lockTtlMs, 15_000)
  const resolved: ResolvedOptions = {
    prefix,
    lockTtlMs,
    waitTimeoutMs: positive('waitTimeoutMs', options.waitTimeoutMs, 2 * lockTtlMs),
    pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs, 250),
    operationTimeoutMs: positive('operationTimeoutMs', options.operationTimeoutMs, 2_000),
    probeIntervalMs: positive('probeIntervalMs', options.probeIntervalMs, 1_000),
  }
  if (resolved.lockTtlMs < 100) {
    throw new ConfigurationError('RedisTokenStore: `lockTtlMs` must be at least 100')
  }
  return resolved
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigurationError(`RedisTokenStore: \`${name}\` must be a positive number`)
  }
  return Math.ceil(value)
}
