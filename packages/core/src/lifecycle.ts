import { Token } from './token.js'
import type { StoredToken, TokenParams, TokenSource, TokenStatus } from './types.js'

/** Timing settings an entry needs (from the manager's options). */
export interface LifecycleSettings {
  skewMs: number
  refreshAheadRatio: number
  failureCooldownMs: number
}

/** What an entry asks of its manager: get a token, and hear about outcomes. */
export interface EntryDriver {
  now(): number
  /** Loads a token from the store or fetches one (with retries). */
  obtain(entry: TokenEntry, background: boolean): Promise<StoredToken>
  fetched(entry: TokenEntry, token: Token, background: boolean, durationMs: number): void
  failed(entry: TokenEntry, error: unknown, background: boolean): void
}

/** When a stored token stops being handed out: expiry minus the skew (min(skew, lifetime/4)). */
export function freshUntil(token: StoredToken, skewMs: number): number {
  return token.expiresAt - Math.min(skewMs, (token.expiresAt - token.issuedAt) / 4)
}

/**
 * When a hit starts the background refresh: `ratio` of the lifetime, unless that is already past
 * `freshUntil` (a token shorter than 4x the skew); then `ratio` of the time it is handed out for,
 * so short-lived tokens are still refreshed before callers would have to wait for a new one.
 */
export function refreshPoint(token: StoredToken, ratio: number, skewMs: number): number {
  const fresh = freshUntil(token, skewMs)
  const point = token.issuedAt + (token.expiresAt - token.issuedAt) * ratio
  return point < fresh ? point : token.issuedAt + (fresh - token.issuedAt) * ratio
}

const ignore = (): void => {}

/**
 * The state of one cache key (DESIGN.md "The lifecycle"): empty -> fetching -> valid ->
 * refreshing -> valid, expired, failed. All callers of the key share one fetch (single-flight);
 * a hit past the refresh point starts one background refresh; after a final failure, callers
 * within the cool-down share the failure.
 */
export class TokenEntry {
  // Read on every hit: plain fields, compared with one `now`.
  /** Hand the token out before this (ms). */
  freshUntil = Number.NEGATIVE_INFINITY
  /** A hit at or after this starts the background refresh (ms). */
  refreshAt = Number.POSITIVE_INFINITY
  /** The same resolved promise for every hit: no allocation on the hot path. */
  resolved: Promise<Token> | undefined
  token: Token | undefined
  /** Last token held, kept after an invalidation (a user source refreshes with it). */
  stored: StoredToken | undefined
  inflight: Promise<Token> | undefined
  failure: unknown
  failedUntil = 0
  fetchCount = 0
  lastErrorCode: string | undefined
  lastErrorAt: number | undefined
  /** When a caller last asked for this key (ms), for the idle sweep. */
  lastUsedAt: number
  /**
   * Asked for, in a later millisecond than the last time, since the table last placed it in its
   * eviction order (its second chance).
   */
  touched = false

  constructor(
    readonly vendor: string,
    readonly key: string,
    readonly params: TokenParams,
    readonly source: TokenSource,
    private readonly settings: LifecycleSettings,
    private readonly driver: EntryDriver,
    now: number,
  ) {
    this.lastUsedAt = now
  }

  /** A fetch is in flight (callers may be waiting on it): never evicted. */
  get busy(): boolean {
    return this.inflight !== undefined
  }

  /**
   * The fresh token, valid for `minValidityMs` more, or undefined; no promise. A hit past the
   * refresh point starts the background refresh.
   */
  peek(now: number, minValidityMs = 0): Token | undefined {
    // Compared before it is written: most hits fall in the same millisecond as the last one.
    if (now !== this.lastUsedAt) this.#touch(now)
    if (now >= this.freshUntil - minValidityMs) return undefined
    if (now >= this.refreshAt) this.#refreshAhead()
    return this.token
  }

  /** The same as `peek`, as the token's shared promise: a cache hit of `getToken`. */
  hit(now: number, minValidityMs: number): Promise<Token> | undefined {
    return this.peek(now, minValidityMs) === undefined ? undefined : this.resolved
  }

  /** After a miss: the fetch in flight, the failure in cool-down, or a new fetch. */
  wait(now: number): Promise<Token> {
    if (now !== this.lastUsedAt) this.#touch(now)
    if (this.inflight !== undefined) return this.inflight
    if (this.failure !== undefined && now < this.failedUntil) return Promise.reject(this.failure)
    return this.#start(false)
  }

  /** Uses `stored` from now on (a fetch, the store, or `setToken`). */
  apply(stored: StoredToken): Token {
    const token = new Token(stored)
    this.stored = stored
    this.token = token
    this.resolved = Promise.resolve(token)
    this.freshUntil = freshUntil(stored, this.settings.skewMs)
    this.refreshAt = refreshPoint(stored, this.settings.refreshAheadRatio, this.settings.skewMs)
    this.failure = undefined
    this.failedUntil = 0
    return token
  }

  /** Stops handing out the current token (a fetch in flight goes on). */
  invalidate(): void {
    this.token = undefined
    this.resolved = undefined
    this.freshUntil = Number.NEGATIVE_INFINITY
    this.refreshAt = Number.POSITIVE_INFINITY
    this.failure = undefined
    this.failedUntil = 0
  }

  /**
   * Forgets every token of the key, the held one too (a user signed out): nothing is left to
   * refresh with. A failure in cool-down stays, so its callers keep sharing it.
   */
  forget(): void {
    const { failure, failedUntil } = this
    this.invalidate()
    this.stored = undefined
    this.failure = failure
    this.failedUntil = failedUntil
  }

  status(now: number): TokenStatus {
    const expiresAt = this.token?.expiresAt
    return {
      vendor: this.vendor,
      key: this.key,
      state: this.#state(now),
      expiresAt,
      expiresInSeconds: expiresAt === undefined ? undefined : Math.round((expiresAt - now) / 1000),
      fetchCount: this.fetchCount,
      lastErrorCode: this.lastErrorCode,
      lastErrorAt: this.lastErrorAt,
    }
  }

  #state(now: number): TokenStatus['state'] {
    const fresh = now < this.freshUntil
    if (this.inflight !== undefined) return fresh ? 'refreshing' : 'fetching'
    if (fresh) return 'valid'
    if (this.failure !== undefined) return 'failed'
    return this.token === undefined ? 'empty' : 'expired'
  }

  #touch(now: number): void {
    this.lastUsedAt = now
    this.touched = true
  }

  #refreshAhead(): void {
    if (this.inflight !== undefined) return
    this.refreshAt = Number.POSITIVE_INFINITY // one at a time; apply() sets the next one
    this.#start(true)
  }

  #start(background: boolean): Promise<Token> {
    const driver = this.driver
    const startedAt = driver.now()
    this.fetchCount++
    const promise = driver.obtain(this, background).then(
      (stored) => {
        this.inflight = undefined
        const token = this.apply(stored)
        driver.fetched(this, token, background, driver.now() - startedAt)
        return token
      },
      (error: unknown) => {
        this.inflight = undefined
        const now = driver.now()
        this.failure = error
        this.failedUntil = now + this.settings.failureCooldownMs
        this.lastErrorCode = (error as { code?: string } | undefined)?.code ?? 'error'
        this.lastErrorAt = now
        // A still-fresh token keeps being served; refresh it again after the cool-down.
        if (background && now < this.freshUntil) this.refreshAt = this.failedUntil
        driver.failed(this, error, background)
        throw error
      },
    )
    this.inflight = promise
    promise.catch(ignore) // a background refresh may have no waiter
    return promise
  }
}
