import { inspect } from 'node:util'
import type { StoredToken, TokenStore } from '../types.js'

/**
 * The default store: a Map in this process. Expired tokens are dropped when read. For a fleet
 * that shares tokens, use `@vendor-token/redis`.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>()
  readonly #now: () => number

  /** @param now clock for dropping expired tokens (default Date.now) */
  constructor(now: () => number = () => Date.now()) {
    this.#now = now
  }

  get(key: string): StoredToken | undefined {
    const token = this.#tokens.get(key)
    if (token !== undefined && token.expiresAt <= this.#now() && token.refreshToken === undefined) {
      this.#tokens.delete(key)
      return undefined
    }
    return token
  }

  set(key: string, token: StoredToken): void {
    this.#tokens.set(key, token)
  }

  /** Reads and deletes in one step (single-use values such as a sign-in's state). */
  take(key: string): StoredToken | undefined {
    const token = this.get(key)
    this.#tokens.delete(key)
    return token
  }

  delete(key: string): void {
    this.#tokens.delete(key)
  }

  /** How many tokens are held. */
  get size(): number {
    return this.#tokens.size
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'memory', size: this.#tokens.size }
  }

  [inspect.custom](): string {
    return `MemoryTokenStore { size: ${this.#tokens.size} }`
  }
}
