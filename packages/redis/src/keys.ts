/** Redis key names of one store, all under its prefix. */
export interface KeyNames {
  /** Hash `{ issuedAt, data }` holding the (encrypted) token of a cache key. */
  token(cacheKey: string): string
  /** String holding the fencing value of the instance fetching `cacheKey`. */
  lock(cacheKey: string): string
  /** The pub/sub channel for `ready`, `failed` and `invalidate` notices. */
  readonly channel: string
}

export function keyNames(prefix: string): KeyNames {
  return {
    token: (cacheKey) => `${prefix}token:${cacheKey}`,
    lock: (cacheKey) => `${prefix}lock:${cacheKey}`,
    channel: `${prefix}events`,
  }
}
