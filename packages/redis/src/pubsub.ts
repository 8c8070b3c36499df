import type { Redis } from 'ioredis'
import type { RedisAvailability } from './availability.js'

/** `ready`: a token was stored; `failed`: a holder's fetch failed; `invalidate`: drop the key. */
export type NoticeType = 'ready' | 'failed' | 'invalidate'

interface Notice {
  type: NoticeType
  key: string
  /** Instance id of the sender, so an instance ignores its own invalidations. */
  origin: string
}

/**
 * The fleet's pub/sub channel on a dedicated subscriber connection. Waiters of a lock wake on
 * `ready`/`failed`; `invalidate` reaches the managers of the other instances. A lost notice only
 * costs latency: waiters poll as well.
 */
export class FleetChannel {
  readonly #waiters = new Map<string, Set<() => void>>()
  readonly #invalidateListeners = new Set<(key: string) => void>()
  readonly #subscriber: Redis
  readonly #availability: RedisAvailability
  readonly #channel: string
  readonly #origin: string
  readonly #onMessage = (channel: string, message: string) => this.#receive(channel, message)

  constructor(
    subscriber: Redis,
    availability: RedisAvailability,
    options: { channel: string; origin: string },
  ) {
    this.#subscriber = subscriber
    this.#availability = availability
    this.#channel = options.channel
    this.#origin = options.origin
    subscriber.on('message', this.#onMessage)
    // Queued until connected; ioredis re-subscribes after every reconnection.
    subscriber.subscribe(this.#channel).catch(() => undefined)
  }

  /** Publishes a notice; resolves false (never throws) when Redis is unavailable. */
  async publish(type: NoticeType, key: string): Promise<boolean> {
    const notice: Notice = { type, key, origin: this.#origin }
    try {
      await this.#availability.run((client) =>
        client.publish(this.#channel, JSON.stringify(notice)),
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
        signal?.removeEventListener('abort', onAbort)
        set.delete(wake)
        if (set.size === 0 && this.#waiters.get(key) === set) this.#waiters.delete(key)
        if (error === undefined) resolve()
        else reject(error)
      }
      const wake = () => settle()
      const onAbort = () => settle(signal?.reason ?? new Error('aborted'))
      const timer = setTimeout(wake, ms)
      set.add(wake)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Listens for invalidations sent by other instances. Returns unsubscribe. */
  onInvalidate(listener: (key: string) => void): () => void {
    this.#invalidateListeners.add(listener)
    return () => void this.#invalidateListeners.delete(listener)
  }

  close(): void {
    this.#subscriber.off('message', this.#onMessage)
    this.#invalidateListeners.clear()
  }

  #receive(channel: string, message: string): void {
    if (channel !== this.#channel) return
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
