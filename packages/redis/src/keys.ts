import { createHash } from 'node:crypto'

/** Channels of sharded pub/sub: notices spread over this many slots (and so over the masters). */
const SHARD_CHANNELS = 16

/**
 * Redis key names of one store, all under its prefix. Every key of one cache key carries the
 * hash tag `{<prefix><keyHash>}` (keyHash: the first 128 bits of SHA-256 of the cache key, hex),
 * so on a Redis Cluster they share one hash slot and each Lua script touches one slot.
 */
export interface KeyNames {
  /** Hash `{ issuedAt, data }` holding the (encrypted) token of a cache key. */
  token(cacheKey: string): string
  /** String holding the fencing value of the instance fetching `cacheKey`. */
  lock(cacheKey: string): string
  /** The classic pub/sub channel for `ready`, `failed` and `invalidate` notices. */
  readonly channel: string
  /** The sharded pub/sub channel carrying the notices of `cacheKey`. */
  shardChannel(cacheKey: string): string
  /** Every sharded channel: an instance subscribes to all of them. */
  readonly shardChannels: readonly string[]
}

export function keyNames(prefix: string): KeyNames {
  const tag = (cacheKey: string) => `{${prefix}${keyHash(cacheKey)}}`
  const shardChannels = Array.from({ length: SHARD_CHANNELS }, (_, i) => `{${prefix}events:${i}}`)
  return {
    token: (cacheKey) => `${tag(cacheKey)}:token`,
    lock: (cacheKey) => `${tag(cacheKey)}:lock`,
    channel: `${prefix}events`,
    shardChannel: (cacheKey) =>
      shardChannels[Number.parseInt(keyHash(cacheKey).slice(0, 4), 16) % SHARD_CHANNELS]!,
    shardChannels,
  }
}

/** First 128 bits of SHA-256 of the cache key, hex: a fixed-length name without the key's text. */
export function keyHash(cacheKey: string): string {
  return createHash('sha256').update(cacheKey, 'utf8').digest('hex').slice(0, 32)
}
