import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { StoredToken, TokenStore } from '@vendor-token/core'
import type { Cluster, Redis } from 'ioredis'
import { RedisAvailability } from './availability.js'
import { clientFromUrl, isCluster, type RedisClient, subscriberOf } from './client.js'
import { createCodec } from './codec.js'
import { StoreUnavailableError } from './errors.js'
import { keyNames } from './keys.js'
import { FleetLock, type LockCallOptions } from './lock.js'
import { type RedisTokenStoreOptions, resolveOptions } from './options.js'
import { FleetChannel, type PubSubMode } from './pubsub.js'
import { TokenRecords } from './records.js'

/** Events of a `RedisTokenStore`. */
export interface RedisTokenStoreEvents {
  /** Redis went down or stopped answering; each instance now serves from its own cache. */
  unavailable: [{ error: StoreUnavailableError }]
  /** Redis is usable (first connection, and every recovery); sharing resumes. */
  available: []
  /** A stored value could not be read (e.g. a key id no longer configured); it was ignored. */
  warning: [{ code: string; message: string; key: string }]
}

/**
 * A `TokenStore` that shares one token per key across a fleet: tokens encrypted at rest
 * (AES-256-GCM), a distributed single-flight lock, invalidations broadcast over pub/sub, and a
 * fallback to the instance's own cache while Redis is down. The manager's in-process cache stays
 * in front: a cache hit never reaches Redis.
 *
 * @example
 * ```ts
 * const store = new RedisTokenStore({ redis: process.env.REDIS_URL!, encryptionKey: process.env.TOKEN_KEY! })
 * const manager = new TokenManager({ store })
 * ```
 */
export class RedisTokenStore extends EventEmitter<RedisTokenStoreEvents> implements TokenStore {
  readonly #client: RedisClient
  readonly #ownsClient: boolean
  readonly #subscriber: Redis | Cluster
  readonly #availability: RedisAvailability
  readonly #records: TokenRecords
  readonly #channel: FleetChannel
  readonly #lock: FleetLock
  /** Tokens the lock just stored or read: the manager's following `set` need not write again. */
  readonly #shared = new WeakSet<StoredToken>()

  /** @throws ConfigurationError (no encryption key without `allowPlaintext`, bad options). */
  constructor(options: RedisTokenStoreOptions) {
    super()
    const resolved = resolveOptions(options)
    const codec = createCodec(options.encryptionKey, options.allowPlaintext)
    const names = keyNames(resolved.prefix)
    const origin = randomBytes(6).toString('base64url')
    this.#ownsClient = typeof options.redis === 'string'
    this.#client = typeof options.redis === 'string' ? clientFromUrl(options.redis) : options.redis
    this.#subscriber = subscriberOf(this.#client)
    this.#subscriber.on('error', () => undefined) // reported through `unavailable`
    this.#availability = new RedisAvailability(this.#client, resolved, (available, error) => {
      if (available) {
        void this.#channel.subscribe() // the pub/sub mode may not have been decided yet
        this.emit('available')
      } else this.emit('unavailable', { error: error! })
    })
    this.#records = new TokenRecords(this.#availability, codec, names, (warning) =>
      this.emit('warning', warning),
    )
    this.#channel = new FleetChannel(this.#subscriber, this.#availability, {
      names,
      origin,
      cluster: isCluster(this.#client),
    })
    this.#lock = new FleetLock({
      availability: this.#availability,
      records: this.#records,
      channel: this.#channel,
      names,
      options: resolved,
      origin,
      onShared: (token) => this.#shared.add(token),
    })
  }

  /**
   * How notices travel: `sharded` (SSUBSCRIBE/SPUBLISH) on a Redis 7+ Cluster, `classic`
   * (SUBSCRIBE/PUBLISH) otherwise. Resolves once Redis has answered.
   */
  pubSubMode(): Promise<PubSubMode> {
    return this.#channel.mode
  }

  /** True while Redis answers; false while the store falls back to each instance's own cache. */
  get available(): boolean {
    return this.#availability.available
  }

  /** The token stored for `key`; undefined when there is none or Redis is unavailable. */
  async get(key: string): Promise<StoredToken | undefined> {
    return await this.#records.read(key).catch(ignoreUnavailable)
  }

  /** Stores `token` unless a newer one is there; wakes waiting instances. No-op while Redis is down. */
  async set(key: string, token: StoredToken): Promise<void> {
    if (this.#shared.has(token)) return
    const result = await this.#records.write(key, token).catch(ignoreUnavailable)
    if (result?.written) await this.#channel.publish('ready', key)
  }

  /**
   * Reads and deletes `key` atomically, so a single-use value (a sign-in's state) is taken by
   * one instance of the fleet only. Undefined when there is none or Redis is unavailable.
   */
  async take(key: string): Promise<StoredToken | undefined> {
    return await this.#records.take(key).catch(ignoreUnavailable)
  }

  /** Deletes the stored token of `key`. No-op while Redis is down. */
  async delete(key: string): Promise<void> {
    await this.#records.remove(key).catch(ignoreUnavailable)
  }

  /** Distributed single-flight (see `FleetLock`); falls back to `fetchToken` alone when Redis is down. */
  lock(
    key: string,
    fetchToken: () => Promise<StoredToken>,
    options: LockCallOptions,
  ): Promise<StoredToken> {
    return this.#lock.run(key, fetchToken, options)
  }

  /** Tells the other instances to drop `key` (their `onInvalidate` listeners run). */
  async publishInvalidate(key: string): Promise<void> {
    await this.#channel.publish('invalidate', key)
  }

  /** Runs `listener` when another instance invalidates a key. Returns unsubscribe. */
  onInvalidate(listener: (key: string) => void): () => void {
    return this.#channel.onInvalidate(listener)
  }

  /** Closes the subscriber connection, and the client when the store created it from a URL. */
  async close(): Promise<void> {
    this.#availability.close()
    this.#channel.close()
    this.#subscriber.disconnect()
    if (this.#ownsClient) this.#client.disconnect()
  }
}

function ignoreUnavailable(error: unknown): undefined {
  if (error instanceof StoreUnavailableError) return undefined
  throw error
}
