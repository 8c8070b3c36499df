import type { StoredToken, TokenStore } from '../../src/index.js'

/** A store that records calls, can lock, and can be told that another instance invalidated a key. */
export class RecordingStore implements TokenStore {
  readonly tokens = new Map<string, StoredToken>()
  readonly calls: string[] = []
  readonly listeners = new Set<(key: string) => void>()
  /** Set to add the optional lock. */
  lock?: TokenStore['lock']

  get(key: string): StoredToken | undefined {
    this.calls.push(`get ${key}`)
    return this.tokens.get(key)
  }

  async set(key: string, token: StoredToken): Promise<void> {
    this.calls.push(`set ${key}`)
    this.tokens.set(key, token)
  }

  async delete(key: string): Promise<void> {
    this.calls.push(`delete ${key}`)
    this.tokens.delete(key)
  }

  publishInvalidate(key: string): void {
    this.calls.push(`publish ${key}`)
  }

  onInvalidate(listener: (key: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Plays another instance's invalidation. */
  remoteInvalidate(key: string): void {
    this.tokens.delete(key)
    for (const listener of this.listeners) listener(key)
  }
}
