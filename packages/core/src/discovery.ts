import { systemClock } from './clock.js'
import { type AuthorizationServerMetadata, fetchMetadata } from './discovery-document.js'
import { DiscoveryError } from './errors.js'
import type { Clock } from './types.js'

export interface DiscoverOptions {
  fetch?: typeof globalThis.fetch
  signal?: AbortSignal
  clock?: Clock
  /** A cache of your own; default: one shared by the whole process. */
  cache?: DiscoveryCache
}

/** How long a good answer is kept. */
const SUCCESS_MAX_AGE_MS = 24 * 3600_000
/** After a failure, no new attempt before this (doubling per consecutive failure up to the max). */
const FAILURE_MIN_BACKOFF_MS = 1_000
const FAILURE_MAX_BACKOFF_MS = 5 * 60_000

type CacheEntry =
  | { state: 'pending'; promise: Promise<AuthorizationServerMetadata> }
  | { state: 'ok'; metadata: AuthorizationServerMetadata; until: number }
  | { state: 'failed'; error: DiscoveryError; until: number; failures: number }

/**
 * Per-issuer discovery cache. A success is kept for a day; a failure is NOT kept: calls within
 * its backoff window share it (with `retryAfterMs` saying when to try again), the next call
 * after the window tries again, and the window doubles while failures continue.
 */
export class DiscoveryCache {
  readonly #entries = new Map<string, CacheEntry>()

  /** Forgets everything (tests, or after rotating a server). */
  clear(): void {
    this.#entries.clear()
  }

  /** @see discover */
  get(issuer: string, options: DiscoverOptions = {}): Promise<AuthorizationServerMetadata> {
    const clock = options.clock ?? systemClock
    const now = clock.now()
    const entry = this.#entries.get(issuer)
    if (entry?.state === 'pending') return entry.promise
    if (entry?.state === 'ok' && now < entry.until) return Promise.resolve(entry.metadata)
    if (entry?.state === 'failed' && now < entry.until) {
      const { message, httpStatus } = entry.error
      const retryAfterMs = entry.until - now
      return Promise.reject(
        new DiscoveryError(message, { httpStatus, retryAfterMs, cause: entry.error }),
      )
    }
    const failures = entry?.state === 'failed' ? entry.failures : 0
    const promise = fetchMetadata(issuer, options.fetch ?? globalThis.fetch, options.signal).then(
      (metadata) => {
        this.#entries.set(issuer, {
          state: 'ok',
          metadata,
          until: clock.now() + SUCCESS_MAX_AGE_MS,
        })
        return metadata
      },
      (error: unknown) => {
        if (options.signal?.aborted) {
          // This caller gave up (timeout, close): that says nothing about the issuer.
          this.#entries.delete(issuer)
          throw error
        }
        const backoff = Math.min(FAILURE_MAX_BACKOFF_MS, FAILURE_MIN_BACKOFF_MS * 2 ** failures)
        const typed = new DiscoveryError(
          error instanceof DiscoveryError ? error.message : 'discovery failed',
          {
            cause: error,
            httpStatus: error instanceof DiscoveryError ? error.httpStatus : undefined,
            retryAfterMs: backoff,
          },
        )
        this.#entries.set(issuer, {
          state: 'failed',
          error: typed,
          until: clock.now() + backoff,
          failures: failures + 1,
        })
        throw typed
      },
    )
    this.#entries.set(issuer, { state: 'pending', promise })
    return promise
  }
}

const processCache = new DiscoveryCache()

/**
 * Fetches the metadata of `issuer`: OpenID Connect (`<issuer>/.well-known/openid-configuration`)
 * first, then RFC 8414 (`/.well-known/oauth-authorization-server<path>`). Cached per issuer; a
 * failure is retried with backoff on later calls, never cached for good.
 *
 * @throws DiscoveryError (transient: the manager retries it)
 * @example
 * const { token_endpoint } = await discover('https://auth.apiture.com/oidc')
 */
export function discover(
  issuer: string,
  options: DiscoverOptions = {},
): Promise<AuthorizationServerMetadata> {
  return (options.cache ?? processCache).get(issuer, options)
}

/** What a grant discovering its endpoints passes: the vendor to name in errors, and I/O. */
export interface VendorDiscoveryContext {
  vendor: string
  fetch?: typeof globalThis.fetch
  signal?: AbortSignal
  clock?: DiscoverOptions['clock']
}

/**
 * `discover(issuer)` for a grant: a DiscoveryError is thrown again naming the vendor (status and
 * Retry-After kept), so the manager's retry and the error both say whose discovery failed.
 */
export function discoverForVendor(
  issuer: string,
  context: VendorDiscoveryContext,
): Promise<AuthorizationServerMetadata> {
  const { vendor, fetch, signal, clock } = context
  return discover(issuer, { fetch, signal, clock }).catch((error: unknown) => {
    if (!(error instanceof DiscoveryError)) throw error
    const { httpStatus, retryAfterMs } = error
    throw new DiscoveryError(error.message, { vendor, httpStatus, retryAfterMs, cause: error })
  })
}

export type { AuthorizationServerMetadata }
