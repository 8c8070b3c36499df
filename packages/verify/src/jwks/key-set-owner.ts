import type { JSONWebKeySet } from 'jose'
import { type JwksFetchMessage, publishJwksFetch, startJwksTiming } from '../diagnostics.js'
import { VerifyError } from '../errors.js'
import type { ResolvedOptions } from '../options.js'
import { NO_KID } from '../protocol.js'
import { fetchJwks } from './fetch-jwks.js'
import { buildSnapshot, type KeySnapshot } from './key-snapshot.js'

/** First retry after a failed fetch, doubled per failure up to the cool-down. */
const FIRST_RETRY_MS = 1_000

/** Why a fetch starts (`vendor-token:jwks`): the first load, a stale key set, an unknown `kid`. */
type FetchReason = JwksFetchMessage['reason']

/** Counters for `stats()`. */
export interface KeySetStats {
  fetches: number
  version: number
  lastError: string | undefined
}

/**
 * The main thread's JWKS: fetched with a timeout, kept for `Cache-Control: max-age` (never less
 * than the cool-down) or `jwksCacheMaxAgeMs`, refreshed in the background when stale (tokens keep
 * verifying with the current keys), refetched once for an unknown `kid` at most once per
 * cool-down. Every fetch is single-flight: concurrent callers share it. Workers never fetch.
 */
export class KeySetOwner {
  #snapshot: KeySnapshot | undefined
  #inFlight: Promise<KeySnapshot> | undefined
  #expiresAtMs = 0
  #retryAtMs = 0
  #failures = 0
  #lastKidRefetchMs = Number.NEGATIVE_INFINITY
  readonly #stats: KeySetStats = { fetches: 0, version: 0, lastError: undefined }
  readonly #abort = new AbortController()

  /**
   * @param options the verifier options
   * @param onChange called when a new, different key set replaces the current one
   */
  constructor(
    private readonly options: ResolvedOptions,
    private readonly onChange: () => void,
  ) {
    // Start at once so the first request does not pay for the fetch; failures are kept for later.
    this.#refresh('initial').catch(() => {})
  }

  /** The current keys (possibly stale: a background refresh is then started). */
  current(): KeySnapshot | undefined {
    const now = this.options.clock.now()
    if (this.#snapshot !== undefined && now >= this.#expiresAtMs && this.#mayFetch(now)) {
      this.#refresh('stale').catch(() => {})
    }
    return this.#snapshot
  }

  /** Keys when none are loaded yet: waits for the fetch in flight or starts one (unless backing off). */
  async load(): Promise<KeySnapshot> {
    if (this.#snapshot !== undefined) return this.#snapshot
    if (this.#inFlight !== undefined) return this.#inFlight
    if (!this.#mayFetch(this.options.clock.now())) {
      const last = this.#stats.lastError ?? 'no answer'
      throw new VerifyError(
        'jwks_unavailable',
        `The JWKS failed recently (${last}); retrying later`,
      )
    }
    return this.#refresh('initial')
  }

  /**
   * For a token whose `kid` is unknown: the keys after one shared refetch, or undefined when a
   * refetch is not allowed (cool-down, fixed key set), so the token is `unknown_kid` at once.
   */
  async refetchForUnknownKid(): Promise<KeySnapshot | undefined> {
    if (this.#inFlight !== undefined) return this.#inFlight
    const now = this.options.clock.now()
    if (
      this.options.jwksUri === undefined ||
      now - this.#lastKidRefetchMs < this.options.jwksCooldownMs
    ) {
      return undefined
    }
    if (!this.#mayFetch(now)) return undefined
    this.#lastKidRefetchMs = now
    return this.#refresh('unknown_kid')
  }

  stats(): KeySetStats {
    return { ...this.#stats }
  }

  /** Aborts a fetch in flight; no further fetch starts. */
  close(): void {
    this.#abort.abort()
  }

  #mayFetch(now: number): boolean {
    return this.#inFlight === undefined && now >= this.#retryAtMs && !this.#abort.signal.aborted
  }

  #refresh(reason: FetchReason): Promise<KeySnapshot> {
    this.#inFlight ??= this.#load(reason).finally(() => {
      this.#inFlight = undefined
    })
    return this.#inFlight
  }

  async #load(reason: FetchReason): Promise<KeySnapshot> {
    const { options } = this
    // Only fetches are published (a fixed key set is not fetched); nothing without subscribers.
    const startedMs = options.jwksUri !== undefined ? startJwksTiming() : undefined
    const version = this.#stats.version
    try {
      let jwks: JSONWebKeySet
      let lifetimeMs = options.jwksCacheMaxAgeMs
      if (options.jwksUri === undefined) {
        jwks = options.jwks!
        lifetimeMs = Number.POSITIVE_INFINITY
      } else {
        this.#stats.fetches++
        const fetched = await fetchJwks(options.jwksUri, {
          fetch: options.fetch,
          timeoutMs: options.jwksTimeoutMs,
          maxBytes: options.jwksMaxBytes,
          signal: this.#abort.signal,
        })
        jwks = fetched.jwks
        if (fetched.maxAgeMs !== undefined) {
          lifetimeMs = Math.max(fetched.maxAgeMs, options.jwksCooldownMs)
        }
      }
      const snapshot = await this.#adopt(jwks)
      this.#expiresAtMs = options.clock.now() + lifetimeMs
      this.#failures = 0
      this.#retryAtMs = 0
      this.#stats.lastError = undefined
      if (startedMs !== undefined) {
        publishJwksFetch({
          reason,
          outcome: 'ok',
          keyCount: countKeys(snapshot),
          changed: snapshot.shared.version !== version,
          durationMs: performance.now() - startedMs,
          cooldownMs: options.jwksCooldownMs,
        })
      }
      return snapshot
    } catch (error) {
      const failure = this.#abort.signal.aborted
        ? new VerifyError('closed', undefined, { cause: error })
        : error instanceof VerifyError
          ? error
          : new VerifyError('jwks_unavailable', undefined, { cause: error })
      this.#failures++
      const backoff = Math.min(FIRST_RETRY_MS * 2 ** (this.#failures - 1), options.jwksCooldownMs)
      this.#retryAtMs = options.clock.now() + backoff
      this.#stats.lastError = failure.message
      if (startedMs !== undefined) {
        publishJwksFetch({
          reason,
          outcome: failure.code === 'closed' ? 'closed' : 'unavailable',
          durationMs: performance.now() - startedMs,
          cooldownMs: backoff,
        })
      }
      throw failure
    }
  }

  /** Keeps the current snapshot when the key set did not change (the verified-token cache stays). */
  async #adopt(jwks: JSONWebKeySet): Promise<KeySnapshot> {
    if (this.#snapshot !== undefined && this.#snapshot.json === JSON.stringify(jwks)) {
      return this.#snapshot
    }
    const snapshot = await buildSnapshot(jwks, this.options.algorithms, this.#stats.version + 1)
    this.#stats.version = snapshot.shared.version
    this.#snapshot = snapshot
    this.onChange()
    return snapshot
  }
}

/**
 * Usable keys of a snapshot: its (alg, kid) pairs. The entry for a header without `kid`
 * repeats a key listed under its kid, unless it is the algorithm's only entry.
 */
function countKeys(snapshot: KeySnapshot): number {
  let count = 0
  for (const kids of snapshot.kids.values()) {
    count += kids.has(NO_KID) && kids.size > 1 ? kids.size - 1 : kids.size
  }
  return count
}
