/**
 * The public contract of @vendor-token/core: what a token looks like, what a token source
 * (a grant or a vendor preset) implements, and what a store implements.
 */

import type { Token } from './token.js'

/**
 * Parameters that change which token a caller gets. Every one of them is part of the cache key.
 * Core knows `scopes` and `user`; a vendor's own params (BridgeFT's `firmIds`) are extra fields
 * that the vendor's preset checks and orders in its `normalizeParams`.
 */
export interface TokenParams {
  /** OAuth2 scopes (RFC 6749 3.3 scope tokens); order does not matter (sorted in the cache key). */
  scopes?: readonly string[]
  /** A signed-in user's key (authorization-code sources only). */
  user?: string
  /** Any further vendor-specific parameter; included in the cache key. */
  [extra: string]: unknown
}

/** Options of one `getToken` call. */
export interface GetTokenOptions {
  /** Stops this caller's wait; a fetch shared with other callers goes on. */
  signal?: AbortSignal
  /** Hand out a token only if it stays valid at least this long (on top of the skew). */
  minValiditySeconds?: number
}

/**
 * A token answer from a token endpoint, already mapped to RFC 6749 names by the grant.
 * `expiresIn` may be a number or a numeric string; the manager validates it.
 */
export interface TokenResponse {
  accessToken: unknown
  tokenType?: unknown
  expiresIn?: unknown
  scope?: unknown
  refreshToken?: unknown
  idToken?: unknown
  /**
   * ms since epoch when the token request left (lifetimes count from it). Optional: the
   * manager otherwise uses the time it asked the source, which is earlier (so, safe).
   */
  requestedAt?: number
  /** RFC 9449: the private JWK of the DPoP key a `DPoP` token is bound to (stored with it). */
  dpopKey?: JsonWebKey
}

/** A validated token as it is kept in a store (also the shape a shared store serializes). */
export interface StoredToken {
  accessToken: string
  /** Normalised: `Bearer` for any casing of bearer. */
  tokenType: string
  /** ms since epoch: when callers must stop using it. */
  expiresAt: number
  /** ms since epoch: when the token request was sent. */
  issuedAt: number
  scope?: string
  /** Only for user (authorization-code) tokens. */
  refreshToken?: string
  idToken?: string
  /**
   * RFC 9449: the private JWK of the DPoP key the token is bound to, so every instance of a
   * fleet can send proofs for it. As secret as the token (a shared store encrypts the record).
   */
  dpopKey?: JsonWebKey
}

/** Everything a token source gets to make one token request. */
export interface TokenRequestContext {
  /** The vendor name the source is registered under (for errors). */
  vendor: string
  /** Validated params of this cache key. */
  params: TokenParams
  /** The token currently held for this key, if any (user sources refresh with it). */
  previous: StoredToken | undefined
  /** Aborts on the manager's per-request timeout and on close(). */
  signal: AbortSignal
  fetch: typeof globalThis.fetch
  clock: Clock
  logger: Logger
}

/**
 * A way to obtain tokens: `clientCredentials(...)`, a vendor preset, or a user (authorization
 * code) source. Registered on a manager under a vendor name.
 */
export interface TokenSource {
  /** Short kind for logs and status, e.g. `client_credentials`. */
  readonly kind: string
  /**
   * Checks configuration; called by `register`, before any request.
   * @throws ConfigurationError
   */
  validate?(vendor: string, options: { allowInsecureHttp: boolean }): void
  /**
   * Validates and normalises params before any request (a preset's own params: e.g. BridgeFT's
   * `firmIds`, sorted), before core checks `scopes` and `user`.
   * @throws InvalidParamsError
   */
  normalizeParams?(params: TokenParams, vendor: string): TokenParams
  /** Requests a new token. Throws the typed errors of `errors.ts`. */
  requestToken(context: TokenRequestContext): Promise<TokenResponse>
  /** Sources that hold no token lifetime (a static Basic credential) can say so. */
  readonly defaultLifetimeSeconds?: number
  /**
   * Token types besides `Bearer` this source may return (e.g. `['Basic']` for a static Basic
   * credential). Any other token_type is an InvalidTokenResponseError.
   */
  readonly allowedTokenTypes?: readonly string[]
  /**
   * Called with every new token set this source obtained (after validation, before it is
   * stored), e.g. to hand a user source's tokens to its `onTokens` option. Errors are logged,
   * never thrown.
   */
  onTokens?(params: TokenParams, token: StoredToken): void | Promise<void>
  /** Sender-constrained tokens (DPoP, mTLS): how `manager.fetch` sends this source's tokens. */
  readonly sender?: SenderConstraint
  /**
   * Headers `manager.fetch` sends on this vendor's API calls unless the caller sets them, e.g.
   * a versioned `Accept` the vendor requires on every call. Not for credentials.
   */
  readonly apiHeaders?: Readonly<Record<string, string>>
}

/**
 * How a request carries a sender-constrained token (RFC 9449 DPoP, RFC 8705 mTLS) besides the
 * Authorization header: a DPoP proof, the TLS client certificate.
 */
export interface SenderConstraint {
  /** `init` for one request to `url` with `token` at `now` (ms), its Authorization included. */
  authorize(url: URL, init: RequestInit, token: Token, now: number): Promise<RequestInit>
  /**
   * Sees every answer (keeps a DPoP-Nonce); true when the answer is a 401 asking for a DPoP
   * nonce that it now has, so the request is worth sending once more.
   */
  observe(url: URL, response: Response): boolean
}

/**
 * Where tokens live. The default is in memory; `@vendor-token/redis` shares them across a fleet.
 * Methods may be synchronous or return promises.
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined> | StoredToken | undefined
  set(key: string, token: StoredToken): Promise<void> | void
  delete(key: string): Promise<void> | void
  /**
   * Optional distributed single-flight. The store makes sure one holder in the fleet runs
   * `fetchToken` for `key`; the others wait until a token that `isUsable` accepts is stored and
   * return it. The holder stores the result itself (must not overwrite a newer token).
   */
  lock?(
    key: string,
    fetchToken: () => Promise<StoredToken>,
    options: { isUsable: (token: StoredToken) => boolean; signal?: AbortSignal },
  ): Promise<StoredToken>
  /**
   * Optional: reads and deletes `key` in one atomic step (single-use values such as a sign-in's
   * authorization state, so a callback replayed on another instance of a fleet finds nothing).
   * Without it the manager reads, then deletes.
   */
  take?(key: string): Promise<StoredToken | undefined> | StoredToken | undefined
  /** Optional: tells the manager that another instance invalidated `key`. Returns unsubscribe. */
  onInvalidate?(listener: (key: string) => void): () => void
  /** Optional: broadcast that `key` was invalidated (called by the manager after delete). */
  publishInvalidate?(key: string): Promise<void> | void
  close?(): Promise<void> | void
}

/** Time source; inject a manual clock in tests. */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** A minimal structured logger (pino, console and bunyan fit). Never receives a secret. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/** Retry policy for transient failures (network, timeout, 5xx, 429). */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number
  /** Base delay of the capped exponential backoff with full jitter. Default 200. */
  minDelayMs?: number
  /** Cap of one delay (also caps a Retry-After the manager will honour). Default 10_000. */
  maxDelayMs?: number
}

export interface TokenManagerOptions {
  store?: TokenStore
  /** A cached token is not handed out when it expires within this. Default 60. */
  skewSeconds?: number
  /** Background refresh at this fraction of the lifetime. Default 0.8. */
  refreshAheadRatio?: number
  /** Timeout of one token request. Default 10_000. */
  timeoutMs?: number
  retry?: RetryOptions
  /** After a final failure, callers within this share the failure. Default 5_000. */
  failureCooldownMs?: number
  /** Lifetime used when a response has neither expires_in nor a JWT exp. Default 300. */
  defaultLifetimeSeconds?: number
  /** Allows http:// token URLs that are not loopback. Default false. */
  allowInsecureHttp?: boolean
  /**
   * Most cache keys held in memory; past it the least recently used idle entry is evicted
   * (never one with a fetch in flight). Default 10_000.
   */
  maxEntries?: number
  /**
   * An entry nobody asked for this long, and whose token expired at least this long ago, is
   * swept from memory (checked on the clock). Default 3_600_000 (1 h).
   */
  idleTtlMs?: number
  clock?: Clock
  fetch?: typeof globalThis.fetch
  /**
   * Where the manager and the adapters' failure lines go. Default `stderrLogger` (warn and error
   * lines on stderr); `silentLogger` says nothing.
   */
  logger?: Logger
  /** Source of the retry jitter, [0, 1). Default Math.random; fix it in tests. */
  random?: () => number
  /**
   * Put the user id of a user's key into diagnostics-channel messages (and so into traces).
   * Default false: messages identify a key by its hash only.
   */
  traceUserIds?: boolean
}

/** One row of `manager.status()`. Never contains a token value. */
export interface TokenStatus {
  vendor: string
  key: string
  state: 'empty' | 'fetching' | 'valid' | 'refreshing' | 'expired' | 'failed'
  expiresAt: number | undefined
  expiresInSeconds: number | undefined
  fetchCount: number
  lastErrorCode: string | undefined
  lastErrorAt: number | undefined
}

/** What `manager.cacheStats()` reports: the size of the cache and what left it. */
export interface CacheStats {
  /** Cache keys held in memory now. */
  entries: number
  maxEntries: number
  /**
   * Entries evicted so far: `max_entries` (the least recently used idle one, past the bound)
   * and `idle` (unused for `idleTtlMs` past expiry).
   */
  evictions: { max_entries: number; idle: number }
}

/** Payloads of the manager's events. */
export interface TokenEvents {
  fetched: [{ vendor: string; key: string; expiresAt: number; durationMs: number }]
  refreshed: [{ vendor: string; key: string; expiresAt: number; durationMs: number }]
  failed: [{ vendor: string; key: string; error: Error; background: boolean }]
  invalidated: [{ vendor: string; key: string; remote: boolean }]
  warning: [{ vendor: string; key: string; code: string; message: string }]
  /**
   * An entry left memory: `max_entries` (the least recently used idle one, past the bound) or
   * `idle` (unused for `idleTtlMs` past expiry). A user's tokens stay in the store, so the next
   * call finds them there.
   */
  evicted: [{ vendor: string; key: string; reason: 'max_entries' | 'idle' }]
  /**
   * A user's tokens were deleted: `sign_out` (manager.signOut) or `refresh_rejected` (the
   * provider refused the refresh token, e.g. `invalid_grant`; the user must sign in again).
   */
  signedOut: [
    { vendor: string; key: string; user: string; reason: 'sign_out' | 'refresh_rejected' },
  ]
}
