import { inspect } from 'node:util'
import { SweepTimer } from '../sweep-timer.js'
import type { Clock, StoredToken, TokenStore } from '../types.js'

/** Options of `new MemoryTokenStore(clock, options)`. */
export interface MemoryTokenStoreOptions {
  /**
   * How long a record holding a refresh token (a signed-in user) is kept after its last write,
   * when that is later than its access token's expiry. Default 30 days.
   */
  refreshTokenTtlMs?: number
  /** How often expired records are swept on the clock. Default 60_000. */
  sweepIntervalMs?: number
}

const DAY_MS = 24 * 3600_000
/** A write sweeps at most this often, so a burst of writes costs no sweep per write. */
const MIN_WRITE_SWEEP_GAP_MS = 1000

/**
 * The default store: a Map in this process. Every record expires: a token at its own
 * `expiresAt` (a sign-in's state record too), one holding a refresh token `refreshTokenTtlMs`
 * after it was written. Expired records are dropped when read, swept on writes and, when the
 * store has a Clock (the manager passes its own), on a timer (unref'd). For a fleet that shares
 * tokens, use `@vendor-token/redis`.
 *
 * @example
 * const manager = new TokenManager({ store: new MemoryTokenStore(clock) })
 */
export class MemoryTokenStore implements TokenStore {
  readonly #records = new Map<string, StoredToken>()
  /**
   * When each record holding a refresh token goes (ms); any other record goes at its token's
   * own `expiresAt`, so it needs no entry here (no wrapper per cached token).
   */
  readonly #keepUntil = new Map<string, number>()
  readonly #now: () => number
  readonly #refreshTokenTtlMs: number
  readonly #sweeper: SweepTimer | undefined
  /** The earliest moment a write sweeps again. */
  #nextWriteSweep = Number.NEGATIVE_INFINITY

  /**
   * @param clock the clock records expire on: a Clock (then a timer sweeps too) or a `now`
   *   function (default Date.now; then reads and writes sweep)
   */
  constructor(
    clock: Clock | (() => number) = () => Date.now(),
    options: MemoryTokenStoreOptions = {},
  ) {
    this.#refreshTokenTtlMs = options.refreshTokenTtlMs ?? 30 * DAY_MS
    if (typeof clock === 'function') {
      this.#now = clock
    } else {
      this.#now = () => clock.now()
      this.#sweeper = new SweepTimer(clock, options.sweepIntervalMs ?? 60_000, () => this.#sweep())
    }
  }

  get(key: string): StoredToken | undefined {
    const token = this.#records.get(key)
    if (token === undefined) return undefined
    if (this.#expiresAt(key, token) <= this.#now()) {
      this.delete(key)
      return undefined
    }
    return token
  }

  set(key: string, token: StoredToken): void {
    const now = this.#now()
    if (now >= this.#nextWriteSweep) {
      this.#nextWriteSweep = now + MIN_WRITE_SWEEP_GAP_MS
      this.#sweep()
    }
    if (token.refreshToken === undefined) this.#keepUntil.delete(key)
    else this.#keepUntil.set(key, Math.max(token.expiresAt, now + this.#refreshTokenTtlMs))
    this.#records.set(key, token)
    this.#sweeper?.arm()
  }

  /** Reads and deletes in one step (single-use values such as a sign-in's state). */
  take(key: string): StoredToken | undefined {
    const token = this.get(key)
    this.delete(key)
    return token
  }

  delete(key: string): void {
    this.#records.delete(key)
    this.#keepUntil.delete(key)
  }

  /** How many live (unexpired) records are held. */
  get size(): number {
    this.#sweep()
    return this.#records.size
  }

  /** Stops the sweep timer (the manager calls it for the store it made). */
  close(): void {
    this.#sweeper?.stop()
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'memory', size: this.size }
  }

  [inspect.custom](): string {
    return `MemoryTokenStore { size: ${this.size} }`
  }

  /** Drops expired records; returns whether any are left (the timer re-arms then). */
  #sweep(): boolean {
    const now = this.#now()
    for (const [key, token] of this.#records) {
      if (this.#expiresAt(key, token) <= now) this.delete(key)
    }
    return this.#records.size > 0
  }

  #expiresAt(key: string, token: StoredToken): number {
    return token.refreshToken === undefined ? token.expiresAt : (this.#keepUntil.get(key) ?? 0)
  }
}
