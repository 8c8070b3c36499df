import { abortable, childController } from './abort.js'
import { TokenRequestTimeoutError } from './errors.js'
import { freshUntil, refreshPoint, type TokenEntry } from './lifecycle.js'
import type { ResolvedOptions } from './options.js'
import { withRetry } from './retry.js'
import { MIN_EXPIRES_IN_SECONDS, validateTokenResponse } from './token-response.js'
import { tellTokensIssued } from './tokens-issued.js'
import type { StoredToken } from './types.js'

/** Receives the warnings a fetch produces (the manager turns them into events). */
export type WarningSink = (entry: TokenEntry, code: string, message: string) => void

/**
 * Gets one token for an entry: from the store when another instance already has a usable one,
 * else from the source (through `store.lock` when the store has one), with a timeout per
 * attempt and retries of transient failures. Every timer is on the clock and ends on close.
 */
export class TokenFetcher {
  constructor(
    private readonly options: ResolvedOptions,
    /** Aborts with ManagerClosedError on close(). */
    private readonly closed: AbortSignal,
    private readonly warn: WarningSink,
  ) {}

  async obtain(entry: TokenEntry, background: boolean): Promise<StoredToken> {
    const { store, clock, skewMs, refreshAheadRatio, logger } = this.options
    const held = entry.stored?.accessToken
    // A token we do not already hold (so not the one just invalidated), fresh, and for a
    // background refresh not past its own refresh point (or the refresh would never happen).
    const isUsable = (token: StoredToken) => {
      const now = clock.now()
      return (
        token.accessToken !== held &&
        now < freshUntil(token, skewMs) &&
        (!background || now < refreshPoint(token, refreshAheadRatio, skewMs))
      )
    }
    const fromStore = await this.#read(entry)
    if (fromStore !== undefined && isUsable(fromStore)) return fromStore
    const previous = fromStore ?? entry.stored
    const fetchToken = async () => {
      // Under a fleet lock: another instance may have rotated the refresh token since the read
      // above, and a rotated refresh token must never be sent twice.
      const latest =
        store.lock !== undefined && previous?.refreshToken !== undefined
          ? await this.#read(entry)
          : undefined
      const current = latest?.refreshToken !== undefined ? latest : previous
      const token = await this.#fetchWithRetry(entry, current)
      const { vendor, key } = entry
      await tellTokensIssued(entry.source, entry.params, token, { vendor, key, logger })
      return token
    }
    // With a lock, the store makes one instance of the fleet fetch and stores the result itself.
    if (store.lock !== undefined)
      return store.lock(entry.key, fetchToken, { isUsable, signal: this.closed })
    const token = await fetchToken()
    try {
      await store.set(entry.key, token)
    } catch (error) {
      logger.warn('token store write failed', {
        vendor: entry.vendor,
        key: entry.key,
        error: String(error),
      })
    }
    return token
  }

  async #read(entry: TokenEntry): Promise<StoredToken | undefined> {
    try {
      return await this.options.store.get(entry.key)
    } catch (error) {
      this.options.logger.warn('token store read failed; fetching', {
        vendor: entry.vendor,
        key: entry.key,
        error: String(error),
      })
      return undefined
    }
  }

  #fetchWithRetry(entry: TokenEntry, previous: StoredToken | undefined): Promise<StoredToken> {
    const { retry, clock, random, logger } = this.options
    return withRetry(() => this.#attempt(entry, previous), {
      policy: retry,
      clock,
      random,
      signal: this.closed,
      onRetry: (error, attempt, delayMs) =>
        logger.info('token request failed; retrying', {
          vendor: entry.vendor,
          key: entry.key,
          code: (error as { code?: string }).code,
          attempt: attempt + 1,
          delayMs,
        }),
    })
  }

  async #attempt(entry: TokenEntry, previous: StoredToken | undefined): Promise<StoredToken> {
    const { clock, timeoutMs, fetch, logger } = this.options
    const { vendor, source } = entry
    const { controller, dispose } = childController(this.closed)
    const timer = clock.setTimeout(() => {
      const message = `token request timed out after ${timeoutMs} ms`
      controller.abort(new TokenRequestTimeoutError(message, { vendor }))
    }, timeoutMs)
    const startedAt = clock.now()
    try {
      const context = {
        vendor,
        params: entry.params,
        previous,
        signal: controller.signal,
        fetch,
        clock,
        logger,
      }
      // abortable: a source that ignores its signal still cannot outlive the timeout.
      const response = await abortable(source.requestToken(context), controller.signal)
      const sentAt = Math.min(Math.max(response.requestedAt ?? startedAt, startedAt), clock.now())
      const { token, usedDefaultLifetime, flooredExpiresIn } = validateTokenResponse(response, {
        vendor,
        sentAt,
        defaultLifetimeSeconds:
          source.defaultLifetimeSeconds ?? this.options.defaultLifetimeSeconds,
        allowedTokenTypes: source.allowedTokenTypes,
      })
      if (usedDefaultLifetime) {
        const seconds = (token.expiresAt - token.issuedAt) / 1000
        this.warn(
          entry,
          'default_lifetime',
          `token answer has neither expires_in nor exp; assuming ${seconds} s`,
        )
      }
      if (flooredExpiresIn) {
        this.warn(
          entry,
          'expires_in_floored',
          `token answer has an expires_in below ${MIN_EXPIRES_IN_SECONDS} s; using ${MIN_EXPIRES_IN_SECONDS} s`,
        )
      }
      return token
    } finally {
      clock.clearTimeout(timer)
      dispose()
    }
  }
}
