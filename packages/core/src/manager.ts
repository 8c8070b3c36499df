import { EventEmitter } from 'node:events'
import { inspect } from 'node:util'
import { withApiHeaders } from './api-headers.js'
import { fetchWithToken, senderOf } from './authorized-fetch.js'
import { publishEvict, publishInvalidate, publishSignIn, traceSignIn } from './diagnostics.js'
import { EntryTable, type EvictionReason } from './entry-table.js'
import { InvalidParamsError, ManagerClosedError, NotSignedInError } from './errors.js'
import { type ResolvedOptions, resolveOptions } from './options.js'
import { type SignedInToken, SignInFlows, type SignOutResult } from './sign-in/flows.js'
import type { CallbackQuery } from './sign-in/state.js'
import { isUserTokenSource } from './sign-in/user-source.js'
import { forgetInStore } from './store/forget.js'
import type { Token } from './token.js'
import type { EntryHost, TokenEntry } from './token-entry.js'
import { checkStoredToken } from './token-response.js'
import type {
  CacheStats,
  Clock,
  GetTokenOptions,
  Logger,
  StoredToken,
  TokenEvents,
  TokenManagerOptions,
  TokenParams,
  TokenSource,
  TokenStatus,
} from './types.js'

/**
 * Hands out tokens for registered vendors: cached per key, fetched once for all concurrent
 * callers, refreshed ahead of expiry, retried on transient failures, shared through the store.
 * Users sign in to user sources with `authorizationUrl`, `handleCallback` and `signOut`.
 * Events: `fetched`, `refreshed`, `failed`, `invalidated`, `warning`, `signedOut`, `evicted`
 * (TokenEvents). Memory is bounded by `maxEntries` and `idleTtlMs` (see `cacheStats()`).
 *
 * @example
 * const manager = new TokenManager()
 * manager.register('acme', clientCredentials({ tokenUrl, clientId, clientSecret }))
 * const { authorization } = await manager.getToken('acme')
 */
export class TokenManager extends EventEmitter<TokenEvents> {
  readonly #options: ResolvedOptions
  readonly #clock: Clock
  readonly #table: EntryTable
  /** The table's default entries, held directly for the hot path. */
  readonly #defaults: Map<string, TokenEntry>
  readonly #closer = new AbortController()
  readonly #unsubscribe: (() => void) | undefined
  readonly #signIn: SignInFlows
  #closed = false
  #closing: Promise<void> | undefined

  /** @throws ConfigurationError for options out of range */
  constructor(options?: TokenManagerOptions) {
    super()
    const resolved = resolveOptions(options)
    this.#options = resolved
    this.#clock = resolved.clock
    const emit = this.#emit.bind(this)
    const host: EntryHost = {
      options: resolved,
      closed: this.#closer.signal,
      emit,
      settled: (entry, failed, error) => {
        if (failed) {
          this.#signIn.signOutAfterFailedRefresh(entry, error)
          if (isMissWithoutRequest(entry, error)) this.#table.dropIfEmpty(entry)
        } else if (isUserTokenSource(entry.source)) {
          // A user source fetches only with the user's refresh token: every fetch is a refresh.
          publishSignIn(entry, 'refresh', 'ok', resolved.traceUserIds)
        }
        this.#table.settled()
      },
    }
    this.#table = new EntryTable(host, (entry, reason) => this.#evicted(entry, reason))
    this.#defaults = this.#table.defaults
    this.#signIn = new SignInFlows({
      options: resolved,
      sources: this.#table.sources,
      entry: (vendor, params) => this.#table.entry(vendor, params),
      closed: this.#closer.signal,
      emit,
      setToken: (vendor, params, stored) => this.setToken(vendor, params, stored),
    })
    this.#unsubscribe = resolved.store.onInvalidate?.((key) => this.#dropRemote(key))
  }

  /** The manager's logger (the `logger` option; default stderr warn/error lines): adapters log through it. */
  get logger(): Logger {
    return this.#options.logger
  }

  /** Registered sources by vendor name. */
  get sources(): ReadonlyMap<string, TokenSource> {
    return this.#table.sources
  }

  /**
   * Registers a token source under a vendor name and checks its configuration now, before any
   * request.
   * @throws ConfigurationError
   */
  register(vendor: string, source: TokenSource): this {
    this.#table.register(vendor, source)
    return this
  }

  /**
   * A token for `vendor` and `params`: from the cache when it is valid for longer than the skew
   * (plus `minValiditySeconds`), else from one fetch shared by every caller of the key.
   */
  getToken(vendor: string, params?: TokenParams, options?: GetTokenOptions): Promise<Token> {
    // The hot path: no async function, no allocation, one clock read. A signal costs nothing on
    // a hit (there is no wait to cancel), so adapters that always pass one stay on this path.
    if (
      params === undefined &&
      options?.minValiditySeconds === undefined &&
      options?.signal?.aborted !== true &&
      !this.#closed
    ) {
      const entry = this.#defaults.get(vendor)
      if (entry !== undefined) return entry.get(this.#clock.now(), 0, options?.signal)
    }
    try {
      if (this.#closed) throw new ManagerClosedError('token manager is closed')
      const signal = options?.signal
      if (signal?.aborted) return Promise.reject(signal.reason)
      const minValidityMs = minValidity(options?.minValiditySeconds, vendor)
      return this.#table.entry(vendor, params).get(this.#clock.now(), minValidityMs, signal)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * The cached token when it can be handed out right now, without waiting (it may start the
   * background refresh, as a hit of `getToken` does); otherwise undefined, and the caller uses
   * `getToken`. Adapters call it first so that a cache hit costs no promise and no microtask.
   */
  peekToken(vendor: string, params?: TokenParams): Token | undefined {
    if (this.#closed) return undefined
    if (params === undefined) return this.#defaults.get(vendor)?.peek(this.#clock.now())
    try {
      return this.#table.entry(vendor, params).peek(this.#clock.now())
    } catch {
      return undefined // invalid params or vendor: getToken reports it
    }
  }

  /**
   * `fetch` with the vendor's token in `Authorization` (and the source's `apiHeaders` the caller
   * did not set). After a 401 it invalidates that token
   * and retries once with a fresh one (a streamed body is not retried). `init.signal` also
   * cancels the wait for a token.
   */
  fetch(
    vendor: string,
    url: string | URL,
    init: RequestInit = {},
    params?: TokenParams,
  ): Promise<Response> {
    const options = init.signal ? { signal: init.signal } : undefined
    return fetchWithToken(
      url,
      withApiHeaders(init, this.#table.sources.get(vendor)),
      this.#options.fetch,
      () => this.getToken(vendor, params, options),
      async (token) => {
        const entry = this.#table.entry(vendor, params)
        // Many requests may fail with the same token: only the first drops it.
        if (entry.token === token) await this.#invalidate(entry, 'unauthorized')
      },
      senderOf(this.#table.sources.get(vendor), this.#clock),
    )
  }

  /** Drops the token of a key, here and (through the store) in the fleet. */
  async invalidate(vendor: string, params?: TokenParams): Promise<void> {
    await this.#invalidate(this.#table.entry(vendor, params), 'api')
  }

  /** Stores a token obtained elsewhere (e.g. an authorization-code sign-in) for a key. */
  async setToken(
    vendor: string,
    params: TokenParams | undefined,
    stored: StoredToken,
  ): Promise<void> {
    if (this.#closed) throw new ManagerClosedError('token manager is closed')
    checkStoredToken(stored, vendor)
    const entry = this.#table.entry(vendor, params)
    entry.apply(stored)
    this.#table.settled()
    await this.#options.store.set(entry.key, stored)
  }

  /**
   * Starts a user's sign-in at a user source (e.g. `wealthcom.user`): the URL to send the user
   * to, with a new state (single use, bound to `user`, valid 10 minutes, kept in the store),
   * PKCE S256 and, where `openid` is requested, a nonce.
   * @throws InvalidParamsError (no user, a `returnTo` that is not a path on this site),
   *   ConfigurationError (not a user source), DiscoveryError
   * @example
   * const { url } = await manager.authorizationUrl('wealthcom', { user: session.id, returnTo: '/clients' })
   */
  authorizationUrl(
    vendor: string,
    options: AuthorizationUrlOptions,
  ): Promise<{ url: string; expiresAt: number }> {
    const run = this.#signIn.authorizationUrl(vendor, options)
    return traceSignIn(vendor, options?.user, 'login', this.#options.traceUserIds, run)
  }

  /**
   * Finishes a sign-in: checks the callback's state (missing, unknown, used, expired, another
   * user's) and the provider's answer before any code exchange, exchanges the code with the
   * PKCE verifier, stores the user's tokens and returns the token (with `returnTo`).
   * @throws AuthorizationCallbackError (400, with a `reason`); no token is stored then
   */
  handleCallback(
    vendor: string,
    query: CallbackQuery,
    options: { user: string },
  ): Promise<SignedInToken> {
    const run = this.#signIn.handleCallback(vendor, query, options)
    return traceSignIn(vendor, options?.user, 'callback', this.#options.traceUserIds, run)
  }

  /**
   * Signs a user out: deletes the user's tokens (here, in the store, on other instances),
   * emits `signedOut`, and revokes the refresh token where the provider supports it.
   */
  signOut(vendor: string, options: { user: string }): Promise<SignOutResult> {
    const run = this.#signIn.signOut(vendor, options)
    const { traceUserIds } = this.#options
    return traceSignIn(vendor, options?.user, 'sign_out', traceUserIds, run, 'sign_out')
  }

  /** One row per key: state, expiry, fetch count, last error code. Never a token value. */
  status(): TokenStatus[] {
    const now = this.#clock.now()
    return [...this.#table.entries.values()].map((entry) => entry.status(now))
  }

  /** How many keys are held in memory, the bound (`maxEntries`) and the evictions so far. */
  cacheStats(): CacheStats {
    return this.#table.stats()
  }

  /**
   * Stops the manager: aborts token requests and retry waits, unsubscribes from the store and
   * waits for in-flight work to settle. Nothing is left behind, so the process can exit.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown()
    return this.#closing
  }

  async #shutdown(): Promise<void> {
    this.#closed = true
    this.#closer.abort(new ManagerClosedError('token manager closed'))
    this.#table.close()
    this.#unsubscribe?.()
    await Promise.allSettled([...this.#table.entries.values()].map((entry) => entry.inflight))
    if (this.#options.ownStore) await this.#options.store.close?.()
  }

  async #invalidate(entry: TokenEntry, reason: 'api' | 'unauthorized'): Promise<void> {
    const { vendor, key } = entry
    entry.invalidate()
    publishInvalidate(entry, reason, this.#options.traceUserIds)
    this.#emit('invalidated', { vendor, key, remote: false })
    await forgetInStore(this.#options.store, this.#options.logger, entry)
  }

  /**
   * An entry left memory. The manager's own memory store forgets its access token too (else
   * the store would keep what the bound let go); a refresh token stays, so the user is still
   * signed in. A store given by the caller (shared, with its own expiry) is left alone.
   */
  #evicted(entry: TokenEntry, reason: EvictionReason): void {
    const { vendor, key } = entry
    const { store, ownStore, traceUserIds } = this.#options
    if (ownStore && entry.stored?.refreshToken === undefined) void store.delete(key)
    publishEvict(entry, reason, traceUserIds)
    this.#emit('evicted', { vendor, key, reason })
  }

  #dropRemote(key: string): void {
    const entry = this.#table.entries.get(key)
    // A failure in cool-down goes too: e.g. "not signed in" here, signed in on another instance.
    if (entry === undefined || (entry.token === undefined && entry.failure === undefined)) return
    entry.invalidate()
    publishInvalidate(entry, 'remote', this.#options.traceUserIds)
    this.#emit('invalidated', { vendor: entry.vendor, key, remote: true })
  }

  /** A throwing listener must not break a fetch that every caller of a key shares. */
  #emit<K extends keyof TokenEvents>(event: K, ...payload: TokenEvents[K]): void {
    try {
      ;(this as unknown as EventEmitter).emit(event, ...payload)
    } catch (error) {
      this.#options.logger.error('token event listener threw', { event, error: String(error) })
    }
  }

  /** What the manager is, without anything secret. */
  toJSON(): Record<string, unknown> {
    const vendors = [...this.#table.sources.keys()]
    return { vendors, keys: this.#table.entries.size, closed: this.#closed }
  }

  [inspect.custom](_depth: number, options: object): string {
    return `TokenManager ${inspect(this.toJSON(), options)}`
  }
}

/** Options of `authorizationUrl`. */
export interface AuthorizationUrlOptions {
  /** The user's key (e.g. a session id): the callback must come with the same one. */
  user: string
  /** Where to send the user afterwards: a path on this site (`/clients`), else 400. */
  returnTo?: string | undefined
}

/**
 * A user source refused before asking anyone (no refresh token: the user has not signed in).
 * A refusal by the provider carries its answer as `cause`; that one keeps its entry, whose
 * cool-down stops the same dead refresh token being sent again.
 */
function isMissWithoutRequest(entry: TokenEntry, error: unknown): boolean {
  return (
    error instanceof NotSignedInError && error.cause === undefined && entry.stored === undefined
  )
}

function minValidity(seconds: number | undefined, vendor: string): number {
  if (seconds === undefined) return 0
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new InvalidParamsError('minValiditySeconds must be a non-negative number', { vendor })
  }
  return seconds * 1000
}
