import type { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { RedisTokenStore, type RedisTokenStoreOptions } from '../../src/index.js'
import { type KeyNames, keyNames } from '../../src/keys.js'
import { adminClient, deleteKeys, REDIS_URL, testKey, uniquePrefix, waitUntil } from './redis.js'

export type { Cluster as TestCluster, Sentinel as TestSentinel } from '../fixtures/servers.mjs'
export { startCluster, startSentinel } from '../fixtures/servers.mjs'

/** What a test on the shared Redis works with; `useSharedRedis` fills it in. */
export interface SharedRedis {
  /** A prefix no other test file uses; every key is deleted when the fixture cleans up. */
  readonly prefix: string
  /** The key every store of the fixture encrypts with (unless a test gives its own). */
  readonly encryptionKey: Buffer
  /** Key names under `prefix`, as the store writes them. */
  readonly keys: KeyNames
  /** A plain client for the test's own reads and admin commands. */
  readonly admin: Redis
  /** A store on the shared server under `prefix`; closed when the fixture cleans up. */
  store(options?: Partial<RedisTokenStoreOptions>): RedisTokenStore
  /** Waits until every store is connected and subscribed to the fleet's channel. */
  ready(stores: readonly RedisTokenStore[]): Promise<void>
}

/**
 * The setup of a test file on the shared Redis at REDIS_URL: a unique prefix and key, an admin
 * client, and stores that are closed (and their keys deleted) after each test (`cleanup: 'each'`)
 * or after the file (`'all'`, the default).
 */
export function useSharedRedis(
  name: string,
  { cleanup = 'all' }: { cleanup?: 'each' | 'all' } = {},
): SharedRedis {
  const prefix = uniquePrefix(name)
  const stores: RedisTokenStore[] = []
  let admin: Redis | undefined
  const clean = async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()))
    await deleteKeys(admin!, prefix)
  }
  beforeAll(() => {
    admin = adminClient()
  })
  if (cleanup === 'each') afterEach(clean)
  afterAll(async () => {
    await clean()
    admin?.disconnect()
  })
  const fixture: SharedRedis = {
    prefix,
    encryptionKey: testKey(),
    keys: keyNames(prefix),
    get admin() {
      return admin!
    },
    store(options = {}) {
      const store = new RedisTokenStore({
        redis: REDIS_URL,
        prefix,
        encryptionKey: fixture.encryptionKey,
        ...options,
      })
      stores.push(store)
      return store
    },
    async ready(waiting) {
      await waitUntil(async () => {
        const [, subscribers] = (await admin!.pubsub('NUMSUB', `${prefix}events`)) as [
          string,
          number,
        ]
        return waiting.every((store) => store.available) && subscribers >= waiting.length
      })
    },
  }
  return fixture
}
