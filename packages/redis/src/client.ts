import { type Cluster, Redis } from 'ioredis'

/**
 * What `redis` accepts: an ioredis `Redis` (standalone, or Sentinel-configured with
 * `{ sentinels, name }`) or an ioredis `Cluster`, in either reply mapping.
 */
export type RedisClient = Redis | Redis<'resp3'> | Cluster | Cluster<'resp3'>

/** True for an ioredis `Cluster`. */
export function isCluster(client: RedisClient): client is Cluster | Cluster<'resp3'> {
  return (client as Cluster).isCluster === true
}

/**
 * The client commands go through. `Cluster` has the same command methods as `Redis` (it routes
 * each by its key's slot); one type keeps the command code free of unions.
 */
export function commandsOf(client: RedisClient): Redis {
  return client as unknown as Redis
}

/**
 * A dedicated connection for pub/sub, with the client's options. It queues its SUBSCRIBEs until
 * connected, and ioredis subscribes again after every reconnection (and, on a Cluster, after a
 * topology change). On a Cluster, sharded subscribers (one connection per master, opened when a
 * channel of that master is subscribed) are enabled for SSUBSCRIBE.
 */
export function subscriberOf(client: RedisClient): Redis | Cluster {
  if (isCluster(client)) {
    const name = client.options.redisOptions?.connectionName ?? 'vendor-token'
    return client.duplicate([], {
      enableOfflineQueue: true,
      lazyConnect: false,
      shardedSubscribers: true,
      redisOptions: { ...client.options.redisOptions, connectionName: `${name}:sub` },
    }) as Cluster
  }
  return client.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    autoResubscribe: true,
    lazyConnect: false,
    connectionName: `${client.options.connectionName ?? 'vendor-token'}:sub`,
  }) as Redis
}

/** A client that fails commands at once while disconnected instead of queueing them. */
export function clientFromUrl(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectionName: 'vendor-token',
    retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
  })
  client.on('error', () => undefined) // reported through `unavailable`
  return client
}

/**
 * Major version of the Redis server behind `client` (from INFO), 0 when unknown. Sharded pub/sub
 * (SSUBSCRIBE/SPUBLISH) exists from Redis 7.0.
 */
export async function serverMajorVersion(client: Redis): Promise<number> {
  const info = await client.info('server')
  return Number(/redis_version:(\d+)/.exec(info)?.[1] ?? 0)
}

/** The connection state any client exposes (one type for `Redis` and `Cluster`). */
export interface ConnectionState {
  readonly status: string
  on(event: 'ready' | 'close' | 'end', listener: () => void): unknown
  once(event: 'ready' | 'close', listener: () => void): unknown
  off(event: 'ready' | 'close' | 'end', listener: () => void): unknown
  connect(): Promise<void>
}

export function connectionOf(client: RedisClient): ConnectionState {
  return client as unknown as ConnectionState
}
