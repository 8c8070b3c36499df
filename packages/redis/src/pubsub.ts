import type { Cluster, Redis } from 'ioredis'
import type { RedisAvailability } from './availability.js'
import { serverMajorVersion } from './client.js'
import type { KeyNames } from './keys.js'

/** `ready`: a token was stored; `failed`: a holder's fetch failed; `invalidate`: drop the key. */
export type NoticeType = 'ready' | 'failed' | 'invalidate'

/**
 * `classic`: PUBLISH/SUBSCRIBE on one channel (standalone, Sentinel, and clusters before Redis 7,
 * where the cluster bus copies every message to every node). `sharded`: SPUBLISH/SSUBSCRIBE on a
 * Redis 7+ cluster, notices spread over 16 channels in different slots, each message handled by
 * the shard that owns its channel only.
 */
export type PubSubMode = 'classic' | 'sharded'

interface Notice {
  type: NoticeType
  key: string
  /** Instance id of the sender, so an instance ignores its own invalidations. */
  origin: string
}

/**
 * The fleet's pub/sub channels on a dedicated subscriber connection. Waiters of a lock wake on
 * `ready`/`failed`; `invalidate` reaches the managers of the other instances. A lost notice only
 * costs latency: waiters poll as well.
 */
export class FleetChannel {
  readonly #waiters = new Map<string, Set<() => void>>()
  /** Waiters per abort signal: one `abort` listener per signal, however many keys wait. */
  readonly #abortable = new WeakMap<AbortSignal, Set<(reason: unknown) => void>>()
  readonly #invalidateListeners = new Set<(key: string) => void>()
  readonly #subscriber: Redis | Cluster
  readonly #availability: RedisAvailability
  readonly #names: KeyNames
  readonly #origin: string
  readonly #cluster: boolean
  /** Decided once Redis answers (the server's version); classic without a cluster. */
  #mode: Promise<PubSubMode> | undefined
  #subscribed = false
  readonly #onMessage = (channel: string, message: string) => this.#receive(channel, message)

  constructor(
    subscriber: Redis | Cluster,
    availability: RedisAvailability,
    options: { names: KeyNames; origin: string; cluster: boolean },
  ) {
    this.#subscriber = subscriber
    this.#availability = availability
    this.#names = options.names
    this.#origin = options.origin
    this.#cluster = options.cluster
    subscriber.on('message', this.#onMessage)
    subscriber.on('smessage', this.#onMessage)
    void this.subscribe()
  }

  /**
   * Subscribes (once the mode is known). Called at start and when Redis becomes available, in
   * case the mode could not be decided before. ioredis re-subscribes after reconnections.
   */
  async subscribe(): Promise<void> {
    if (this.#subscribed) return
    const mode = await this.#resolveMode().catch(() => undefined)
    if (mode === undefined || this.#subscribed) return
    this.#subscribed = true
    if (mode === 'classic') {
      await this.#subscriber.subscribe(this.#names.channel).catch(() => undefined)
      return
    }
    // One SSUBSCRIBE per channel: a call may only name channels of one slot.
    await Promise.all(
      this.#names.shardChannels.map((channel) =>
        this.#subscriber.ssubscribe(channel).catch(() => undefined),
      ),
    )
  }

  /** The mode in use, once decided. */
  get mode(): Promise<PubSubMode> {
    return this.#resolveMode()
  }

  /** Publishes a notice; resolves false (never throws) when Redis is unavailable. */
  async publish(type: NoticeType, key: string): Promise<boolean> {
    const message = JSON.stringify({ type, key, origin: this.#origin } satisfies Notice)
    try {
      const mode = await this.#resolveMode()
      await this.#availability.run((client) =>
        mode === 'sharded'
          ? client.spublish(this.#names.shardChannel(key), message)
          : client.publish(this.#names.channel, message),
      )
      return true
    } catch {
      return false
    }
  }

  /** Resolves on a `ready`/`failed` notice for `key` or after `ms`; rejects when `signal` aborts. */
  waitFor(key: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      signal?.throwIfAborted()
      const set = this.#waiters.get(key) ?? new Set<() => void>()
      this.#waiters.set(key, set)
      const settle = (error?: unknown) => {
        clearTimeout(timer)
        if (signal) this.#unwatchAbort(signal, onAbort)
        set.delete(wake)
        if (set.size === 0 && this.#waiters.get(key) === set) this.#waiters.delete(key)
        if (error === undefined) resolve()
        else reject(error)
      }
      const wake = () => settle()
      const onAbort = (reason: unknown) => settle(reason ?? new Error('aborted'))
      const timer = setTimeout(wake, ms)
      set.add(wake)
      if (signal) this.#watchAbort(signal, onAbort)
    })
  }

  /** Listens for invalidations sent by other instances. Returns unsubscribe. */
  onInvalidate(listener: (key: string) => void): () => void {
    this.#invalidateListeners.add(listener)
    return () => void this.#invalidateListeners.delete(listener)
  }

  close(): void {
    this.#subscriber.off('message', this.#onMessage)
    this.#subscriber.off('smessage', this.#onMessage)
    this.#invalidateListeners.clear()
  }

  #resolveMode(): Promise<PubSubMode> {
    if (!this.#cluster) return Promise.resolve('classic')
    this.#mode ??= this.#availability
      .run((client) => serverMajorVersion(client))
      .then((major): PubSubMode => (major >= 7 ? 'sharded' : 'classic'))
    // Redis unreachable: try again on the next call.
    this.#mode.catch(() => {
      this.#mode = undefined
    })
    return this.#mode
  }

  #watchAbort(signal: AbortSignal, onAbort: (reason: unknown) => void): void {
    let set = this.#abortable.get(signal)
    if (!set) {
      const waiting = new Set<(reason: unknown) => void>()
      set = waiting
      this.#abortable.set(signal, waiting)
      signal.addEventListener(
        'abort',
        () => {
          for (const abort of [...waiting]) abort(signal.reason)
        },
        { once: true },
      )
    }
    set.add(onAbort)
  }

  #unwatchAbort(signal: AbortSignal, onAbort: (reason: unknown) => void): void {
    const set = this.#abortable.get(signal)
    set?.delete(onAbort)
    // The one listener stays on the signal until it aborts or is collected with it.
  }

  #receive(channel: string, message: string): void {
    if (channel !== this.#names.channel && !this.#names.shardChannels.includes(channel)) return
    let notice: Notice
    try {
      notice = JSON.parse(message) as Notice
    } catch {
      return
    }
    if (typeof notice?.key !== 'string') return
    if (notice.type === 'invalidate') {
      if (notice.origin === this.#origin) return
      for (const listener of this.#invalidateListeners) {
        try {
          listener(notice.key)
        } catch {
          // a listener's failure must not stop the others
        }
      }
      return
    }
    for (const wake of [...(this.#waiters.get(notice.key) ?? [])]) wake()
  }
}
