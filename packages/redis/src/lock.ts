import { randomBytes } from 'node:crypto'
import type { StoredToken } from '@vendor-token/core'
import type { RedisAvailability } from './availability.js'
import { StoreUnavailableError } from './errors.js'
import type { KeyNames } from './keys.js'
import type { ResolvedOptions } from './options.js'
import type { FleetChannel } from './pubsub.js'
import type { TokenRecords } from './records.js'
import { RELEASE_LOCK, RENEW_LOCK, runScript } from './scripts.js'

/** What `TokenStore.lock` receives besides the key and the fetch. */
export interface LockCallOptions {
  isUsable: (token: StoredToken) => boolean
  signal?: AbortSignal
}

type Attempt = { token: StoredToken } | { fence: string } | { alone: true }

/**
 * Distributed single-flight. One instance wins `SET lock <fence> NX PX ttl`, re-reads, fetches,
 * stores (refused in Lua if a newer token is there), releases with compare-and-delete and
 * publishes `ready`. The others wait for that notice (or poll), then read. While it fetches, the
 * holder renews its lock; a holder that dies stops renewing and loses it after `lockTtlMs`.
 * Redis unavailable, or a holder that has not delivered within `waitTimeoutMs`: the instance
 * fetches by itself (and still stores the result unless a newer token is there).
 */
export class FleetLock {
  readonly #availability: RedisAvailability
  readonly #records: TokenRecords
  readonly #channel: FleetChannel
  readonly #names: KeyNames
  readonly #options: ResolvedOptions
  readonly #origin: string
  /** Called with each token this lock stored or read, so a following `set` can skip it. */
  readonly #onShared: (token: StoredToken) => void

  constructor(deps: {
    availability: RedisAvailability
    records: TokenRecords
    channel: FleetChannel
    names: KeyNames
    options: ResolvedOptions
    origin: string
    onShared: (token: StoredToken) => void
  }) {
    this.#availability = deps.availability
    this.#records = deps.records
    this.#channel = deps.channel
    this.#names = deps.names
    this.#options = deps.options
    this.#origin = deps.origin
    this.#onShared = deps.onShared
  }

  async run(
    key: string,
    fetchToken: () => Promise<StoredToken>,
    { isUsable, signal }: LockCallOptions,
  ): Promise<StoredToken> {
    const attempt = await this.#acquireOrRead(key, isUsable, signal)
    if ('token' in attempt) return this.#shared(attempt.token)
    if ('fence' in attempt) return this.#hold(key, attempt.fence, fetchToken, isUsable)
    return this.#fetchAlone(key, fetchToken)
  }

  /**
   * Loops: a usable stored token, else try the lock, else wait for a notice or the poll. The
   * wait limit runs per holder: when the lock changes hands (the holder died), it starts again.
   */
  async #acquireOrRead(
    key: string,
    isUsable: (token: StoredToken) => boolean,
    signal: AbortSignal | undefined,
  ): Promise<Attempt> {
    const lockKey = this.#names.lock(key)
    const { lockTtlMs, waitTimeoutMs, pollIntervalMs } = this.#options
    let holder: string | null = null
    let deadline = Date.now() + waitTimeoutMs
    try {
      for (;;) {
        signal?.throwIfAborted()
        const stored = await this.#records.read(key)
        if (stored && isUsable(stored)) return { token: stored }
        const fence = `${this.#origin}.${randomBytes(12).toString('base64url')}`
        const won = await this.#availability.run((client) =>
          client.set(lockKey, fence, 'PX', lockTtlMs, 'NX'),
        )
        if (won === 'OK') return { fence }
        const current = await this.#availability.run((client) => client.get(lockKey))
        if (current !== holder) {
          holder = current
          deadline = Date.now() + waitTimeoutMs
        }
        const left = deadline - Date.now()
        if (left <= 0) return { alone: true }
        await this.#channel.waitFor(key, Math.min(pollIntervalMs, left), signal)
      }
    } catch (error) {
      if (error instanceof StoreUnavailableError) return { alone: true }
      throw error
    }
  }

  async #hold(
    key: string,
    fence: string,
    fetchToken: () => Promise<StoredToken>,
    isUsable: (token: StoredToken) => boolean,
  ): Promise<StoredToken> {
    const renewal = setInterval(() => void this.#renew(key, fence), this.#options.lockTtlMs / 3)
    renewal.unref()
    let outcome: 'ready' | 'failed' = 'failed'
    try {
      // Another holder may have stored a token between our read and our lock.
      const stored = await this.#records.read(key).catch(() => undefined)
      if (stored && isUsable(stored)) {
        outcome = 'ready'
        return this.#shared(stored)
      }
      const token = await fetchToken()
      outcome = 'ready'
      return await this.#store(key, token, isUsable)
    } finally {
      clearInterval(renewal)
      // Not awaited: callers get the token now. Waiters are told after the release, so one
      // woken by `failed` finds the lock free.
      void this.#availability
        .run((client) => runScript(client, RELEASE_LOCK, [this.#names.lock(key)], [fence]))
        .catch(() => undefined)
        .then(() => this.#channel.publish(outcome, key))
    }
  }

  /** Fallback: Redis is unavailable or the fleet did not deliver in time. */
  async #fetchAlone(key: string, fetchToken: () => Promise<StoredToken>): Promise<StoredToken> {
    const token = await fetchToken()
    if (!this.#availability.available) return token
    const shared = await this.#store(key, token, () => false)
    void this.#channel.publish('ready', key)
    return shared
  }

  /** Stores the fetched token; if Redis holds a newer usable one, hands that out instead. */
  async #store(
    key: string,
    token: StoredToken,
    isUsable: (token: StoredToken) => boolean,
  ): Promise<StoredToken> {
    try {
      const result = await this.#records.write(key, token)
      if (!result.written && result.newer && isUsable(result.newer)) {
        return this.#shared(result.newer)
      }
    } catch {
      // Redis went away after the fetch: the token still serves this instance.
    }
    return this.#shared(token)
  }

  async #renew(key: string, fence: string): Promise<void> {
    await this.#availability
      .run((client) =>
        runScript(client, RENEW_LOCK, [this.#names.lock(key)], [fence, this.#options.lockTtlMs]),
      )
      .catch(() => undefined)
  }

  #shared(token: StoredToken): StoredToken {
    this.#onShared(token)
    return token
  }
}
