/**
 * The lifecycle of one cache key (docs/design.md "The lifecycle"), all of it in this file:
 *
 *   empty --get--> fetching --ok--> valid --(now >= refreshAt)--> refreshing --ok--> valid
 *                     |               |                              |
 *                     |               |                              +--error--> valid until freshUntil
 *                     |               +--(now >= freshUntil)--> expired --get--> fetching
 *                     +--error--> failed (callers share it until failedUntil) --get--> fetching
 *
 * The deadlines are computed once per token, in `apply`: `freshUntil` (expiry minus the skew,
 * min(skew, lifetime / 4)) and `refreshAt` (refresh-ahead). A hit compares them with one clock
 * reading. All callers of the key share one fetch (`inflight`: single-flight); a hit past
 * `refreshAt` starts one background refresh; after a final failure the callers within the
 * cool-down share it. A fetch reads the store first (another instance may have the token), then
 * asks the source with a timeout per request and retries of transient failures.
 *
 * Tokens of an entry: `stored` is the record (refresh token and DPoP key included, kept after
 * an invalidation: a user source refreshes with it); `token` is what callers get while it is
 * fresh, and `tokenPromise` the same token as a settled promise (a hit allocates nothing).
 */
import { abortable } from './abort.js'
import {
  cacheChannel,
  type FetchContext,
  noteAttempt,
  observeFetch,
  publishCacheLookup,
  publishRetry,
  traceFetch,
} from './diagnostics.js'
import { NotSignedInError } from './errors.js'
import { callOnTokens } from './on-tokens.js'
import type { ResolvedOptions } from './options.js'
import { withRetry } from './retry.js'
import { withTimeout } from './timeout.js'
import { Token } from './token.js'
import { acceptTokenResponse } from './token-response.js'
import type { StoredToken, TokenEvents, TokenParams, TokenSource, TokenStatus } from './types.js'

/** Emits one manager event (safely: a throwing listener is logged, not thrown). */
export type EmitEvent = <K extends keyof TokenEvents>(event: K, ...payload: TokenEvents[K]) => void

/** What every entry of a manager shares: its options, close signal, events, and a settle hook. */
export interface EntryHost {
  readonly options: ResolvedOptions
  /** Aborts with ManagerClosedError on close(): fetches, timeouts and retry waits end. */
  readonly closed: AbortSignal
  readonly emit: EmitEvent
  /** After each fetch settled (a sign-out after a refused refresh; the idle sweep). */
  settled(entry: TokenEntry, failed: boolean, error?: unknown): void
}

/** When a token stops being handed out: expiry minus the effective skew, min(skew, lifetime / 4). */
function freshUntil(token: StoredToken, skewMs: number): number {
  return token.expiresAt - Math.min(skewMs, (token.expiresAt - token.issuedAt) / 4)
}

/**
 * When a hit starts the background refresh: `ratio` of the lifetime, unless that is already past
 * `fresh` (a token shorter than 4x the skew); then `ratio` of the time it is handed out for, so
 * a short-lived token is still refreshed before callers would have to wait for a new one.
 */
function refreshPoint(token: StoredToken, fresh: number, ratio: number): number {
  const point = token.issuedAt + (token.expiresAt - token.issuedAt) * ratio
  return point < fresh ? point : token.issuedAt + (fresh - token.issuedAt) * ratio
}

const ignore = (): void => {}

export class TokenEntry {
  // Read on every hit: plain fields, compared with one `now`.
  /** Hand the token out before this (ms). */
  freshUntil = Number.NEGATIVE_INFINITY
  /** A hit at or after this starts the background refresh (ms). */
  refreshAt = Number.POSITIVE_INFINITY
  token: Token | undefined
  tokenPromise: Promise<Token> | undefined
  stored: StoredToken | undefined
  inflight: Promise<Token> | undefined
  failure: unknown
  failedUntil = 0
  fetchCount = 0
  lastErrorCode: string | undefined
  lastErrorAt: number | undefined
  /** When a caller last asked for this key (ms), for the idle sweep. */
  lastUsedAt: number
  /** Asked for since the table last placed it in its eviction order (its second chance). */
  touched = false
  /** Diagnostics: the key's hash (a slot, filled once) and the traced fetch in flight, if any. */
  keyHash: string | undefined = undefined
  trace: FetchContext | undefined = undefined

  constructor(
    readonly vendor: string,
    readonly key: string,
    readonly params: TokenParams,
    readonly source: TokenSource,
    private readonly host: EntryHost,
    now: number,
  ) {
    this.lastUsedAt = now
  }

  /** A fetch is in flight (callers may be waiting on it): never evicted. */
  get busy(): boolean {
    return this.inflight !== undefined
  }

  /** The fresh token (valid `minValidityMs` more) or undefined; past `refreshAt`, refreshes. */
  peek(now: number, minValidityMs = 0): Token | undefined {
    // Compared before it is written: most hits fall in the same millisecond as the last one.
    if (now !== this.lastUsedAt) this.#touch(now)
    if (now >= this.freshUntil - minValidityMs) return undefined
    if (now >= this.refreshAt) this.#refreshAhead()
    if (cacheChannel.hasSubscribers) this.#publishLookup('hit')
    return this.token
  }

  /**
   * `getToken` on this key: a hit is the token's settled promise (no allocation); a miss joins
   * the fetch in flight, shares the failure in cool-down, or starts one (`signal`: this wait).
   */
  get(now: number, minValidityMs: number, signal: AbortSignal | undefined): Promise<Token> {
    if (this.peek(now, minValidityMs) !== undefined) return this.tokenPromise as Promise<Token>
    if (this.inflight !== undefined) {
      if (cacheChannel.hasSubscribers) this.#publishLookup('wait', this.trace?.id)
      return abortable(this.inflight, signal)
    }
    if (cacheChannel.hasSubscribers) this.#publishLookup('miss')
    if (this.failure !== undefined && now < this.failedUntil) return Promise.reject(this.failure)
    return abortable(this.#start(false), signal)
  }

  /** Uses `stored` from now on (a fetch, the store, or `setToken`): the deadlines are set here. */
  apply(stored: StoredToken): Token {
    const { skewMs, refreshAheadRatio } = this.host.options
    const token = new Token(stored)
    this.stored = stored
    this.token = token
    this.tokenPromise = Promise.resolve(token)
    this.freshUntil = freshUntil(stored, skewMs)
    this.refreshAt = refreshPoint(stored, this.freshUntil, refreshAheadRatio)
    this.failure = undefined
    this.failedUntil = 0
    return token
  }

  /**
   * Whether a token found in the store may be used instead of a request: not `held` (the one
   * this entry had when the fetch began, e.g. just invalidated), fresh, and for a background
   * refresh not past its own refresh point (or the refresh would never happen).
   */
  isUsable(token: StoredToken, background: boolean, held: string | undefined): boolean {
    const { clock, skewMs, refreshAheadRatio } = this.host.options
    const now = clock.now()
    const fresh = freshUntil(token, skewMs)
    if (token.accessToken === held || now >= fresh) return false
    return !background || now < refreshPoint(token, fresh, refreshAheadRatio)
  }

  /** Stops handing out the current token (a fetch in flight goes on). */
  invalidate(): void {
    this.token = undefined
    this.tokenPromise = undefined
    this.freshUntil = Number.NEGATIVE_INFINITY
    this.refreshAt = Number.POSITIVE_INFINITY
    this.failure = undefined
    this.failedUntil = 0
  }

  /** Forgets every token of the key, `stored` too (signed out); a failure in cool-down stays. */
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

  #publishLookup(result: 'hit' | 'miss' | 'wait', fetchId?: number): void {
    publishCacheLookup(this, result, this.host.options.traceUserIds, fetchId)
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

  /** Single-flight: the one fetch of the key, its outcome logged, emitted and kept. */
  #start(background: boolean): Promise<Token> {
    const { clock, logger, failureCooldownMs, traceUserIds } = this.host.options
    const { vendor, key, host } = this
    const startedAt = clock.now()
    this.fetchCount++
    const traced = { background, traceUserIds, now: () => clock.now() }
    const obtained = traceFetch(this, traced, (trace) => {
      this.trace = trace
      return this.#obtain(background)
    })
    const promise = obtained.then(
      (stored) => {
        this.inflight = undefined
        this.trace = undefined
        const token = this.apply(stored)
        const durationMs = clock.now() - startedAt
        logger.debug(background ? 'token refreshed' : 'token fetched', { vendor, key, durationMs })
        const event = { vendor, key, expiresAt: token.expiresAt, durationMs }
        host.emit(background ? 'refreshed' : 'fetched', event)
        host.settled(this, false)
        return token
      },
      (error: unknown) => {
        this.inflight = undefined
        this.trace = undefined
        const now = clock.now()
        const code = (error as { code?: string } | undefined)?.code
        this.failure = error
        this.failedUntil = now + failureCooldownMs
        this.lastErrorCode = code ?? 'error'
        this.lastErrorAt = now
        // A still-fresh token keeps being served; refresh it again after the cool-down.
        if (background && now < this.freshUntil) this.refreshAt = this.failedUntil
        // Messages of this library are safe to log. A caller that waited gets the error and logs
        // it (the adapters do): debug here, so one failure is one line. A background refresh has
        // no caller: warned here, but a user who is not signed in is a state, not an outage.
        const level = !background ? 'debug' : error instanceof NotSignedInError ? 'info' : 'warn'
        const message = String(error)
        logger[level]('token request failed', { vendor, key, code, background, message })
        host.emit('failed', { vendor, key, error: error as Error, background })
        host.settled(this, true, error)
        throw error
      },
    )
    this.inflight = promise
    promise.catch(ignore) // a background refresh may have no waiter
    return promise
  }

  /**
   * One token for the fetch: from the store when another instance already has a usable one,
   * else from the source (through `store.lock` when the store has one, so one instance of the
   * fleet asks), then written to the store.
   */
  async #obtain(background: boolean): Promise<StoredToken> {
    const { store, logger, retry, clock, random } = this.host.options
    const { vendor, key } = this
    const onRetry = (error: unknown, attempt: number, delayMs: number) =>
      this.#retrying(error, attempt, delayMs)
    const retrying = { policy: retry, clock, random, signal: this.host.closed, onRetry }
    const held = this.stored?.accessToken
    const isUsable = (token: StoredToken) => this.isUsable(token, background, held)
    const fromStore = await this.#read()
    if (fromStore !== undefined && isUsable(fromStore)) return fromStore
    const previous = fromStore ?? this.stored
    const fetchToken = async () => {
      // Under a fleet lock: another instance may have rotated the refresh token since the read
      // above, and a rotated refresh token must never be sent twice.
      const latest =
        store.lock !== undefined && previous?.refreshToken !== undefined
          ? await this.#read()
          : undefined
      const current = latest?.refreshToken !== undefined ? latest : previous
      const token = await withRetry(() => this.#request(current), retrying)
      await callOnTokens(this.source, this.params, token, { vendor, key, logger })
      return token
    }
    if (store.lock !== undefined) {
      return store.lock(key, fetchToken, { isUsable, signal: this.host.closed })
    }
    const token = await fetchToken()
    try {
      await store.set(key, token)
    } catch (error) {
      logger.warn('token store write failed', { vendor, key, error: String(error) })
    }
    return token
  }

  async #read(): Promise<StoredToken | undefined> {
    const { store, logger } = this.host.options
    try {
      return await store.get(this.key)
    } catch (error) {
      const { vendor, key } = this
      logger.warn('token store read failed; fetching', { vendor, key, error: String(error) })
      return undefined
    }
  }

  /** Before the sleep ahead of retry `attempt + 1` (a transient failure): a log line, a message. */
  #retrying(error: unknown, attempt: number, delayMs: number): void {
    const { vendor, key } = this
    const code = (error as { code?: string }).code
    const fields = { vendor, key, code, attempt: attempt + 1, delayMs }
    this.host.options.logger.info('token request failed; retrying', fields)
    publishRetry(this.trace, error, attempt, delayMs)
  }

  /** One token request, with the manager's timeout; the answer validated. */
  async #request(previous: StoredToken | undefined): Promise<StoredToken> {
    const { clock, timeoutMs, fetch, logger, defaultLifetimeSeconds } = this.host.options
    const { vendor, key, source, params } = this
    const startedAt = clock.now()
    noteAttempt(this.trace)
    const traced = observeFetch(this.trace, fetch)
    const response = await withTimeout(
      (signal) =>
        source.requestToken({ vendor, params, previous, signal, fetch: traced, clock, logger }),
      { clock, timeoutMs, parent: this.host.closed, vendor, what: 'token request' },
    )
    const sentAt = Math.min(Math.max(response.requestedAt ?? startedAt, startedAt), clock.now())
    const settings = {
      vendor,
      sentAt,
      defaultLifetimeSeconds: source.defaultLifetimeSeconds ?? defaultLifetimeSeconds,
      allowedTokenTypes: source.allowedTokenTypes,
    }
    return acceptTokenResponse(response, settings, (code, message) =>
      this.host.emit('warning', { vendor, key, code, message }),
    )
  }
}
