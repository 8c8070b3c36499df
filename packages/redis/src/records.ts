import type { StoredToken } from '@vendor-token/core'
import type { RedisAvailability } from './availability.js'
import type { TokenCodec } from './codec.js'
import type { KeyNames } from './keys.js'
import { runScript, TAKE, WRITE_IF_NOT_OLDER } from './scripts.js'

/** A stored `issuedAt` outside [now - 1 year, now + 1 day] is not trusted by the write rule. */
const TRUSTED_PAST_MS = 365 * 24 * 3_600_000
const TRUSTED_FUTURE_MS = 24 * 3_600_000

/** Outcome of a write: refused when Redis already holds a token issued later. */
export type WriteResult = { written: true } | { written: false; newer: StoredToken | undefined }

/** Reports a stored value that could not be read (wrong key, altered); never its content. */
export type WarningListener = (warning: { code: string; message: string; key: string }) => void

/**
 * Tokens in Redis: one hash per cache key, `issuedAt` in clear (so Lua can refuse an older
 * token) and `data` encrypted. Every method throws StoreUnavailableError when Redis is down.
 */
export class TokenRecords {
  readonly #availability: RedisAvailability
  readonly #codec: TokenCodec
  readonly #names: KeyNames
  readonly #onWarning: WarningListener

  constructor(
    availability: RedisAvailability,
    codec: TokenCodec,
    names: KeyNames,
    onWarning: WarningListener,
  ) {
    this.#availability = availability
    this.#codec = codec
    this.#names = names
    this.#onWarning = onWarning
  }

  /** The stored token, or undefined when there is none or it cannot be read. */
  async read(key: string): Promise<StoredToken | undefined> {
    const data = await this.#availability.run((client) =>
      client.hget(this.#names.token(key), 'data'),
    )
    return data === null ? undefined : this.#decode(data, key)
  }

  /**
   * Stores `token` unless a token issued later is there already. A token without a refresh
   * token expires from Redis with itself; one with a refresh token stays until deleted.
   */
  async write(key: string, token: StoredToken): Promise<WriteResult> {
    const expireAt = token.refreshToken ? 0 : Math.max(1, Math.floor(token.expiresAt))
    const now = Date.now()
    const result = await this.#availability.run((client) =>
      runScript(
        client,
        WRITE_IF_NOT_OLDER,
        [this.#names.token(key)],
        [
          Math.floor(token.issuedAt),
          this.#codec.encode(token, key),
          expireAt,
          now - TRUSTED_PAST_MS,
          now + TRUSTED_FUTURE_MS,
        ],
      ),
    )
    if (result === 1) return { written: true }
    return {
      written: false,
      newer: typeof result === 'string' ? this.#decode(result, key) : undefined,
    }
  }

  /** Reads and deletes in one atomic step (Lua); undefined when nothing (readable) was there. */
  async take(key: string): Promise<StoredToken | undefined> {
    const data = await this.#availability.run((client) =>
      runScript(client, TAKE, [this.#names.token(key)], []),
    )
    return typeof data === 'string' ? this.#decode(data, key) : undefined
  }

  async remove(key: string): Promise<void> {
    await this.#availability.run((client) => client.del(this.#names.token(key)))
  }

  #decode(data: string, key: string): StoredToken | undefined {
    try {
      return this.#codec.decode(data, key)
    } catch (error) {
      this.#onWarning({
        code: 'unreadable_token',
        message: `stored token ignored: ${(error as Error).message}`,
        key,
      })
      return undefined
    }
  }
}
