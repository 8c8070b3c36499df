import type { StoredToken } from '@vendor-token/core'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisTokenStore } from '../src/index.js'
import { adminClient, deferred, makeToken, waitUntil } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'

const isUsable = (token: StoredToken) => token.expiresAt > Date.now()

describe('fencing: a holder whose lock expired', () => {
  const redis = useSharedRedis('fencing')
  let subscriber: Redis
  let a: RedisTokenStore
  let b: RedisTokenStore
  const notices: { type: string; key: string }[] = []

  beforeAll(async () => {
    subscriber = adminClient()
    subscriber.on('message', (_channel: string, message: string) =>
      notices.push(JSON.parse(message)),
    )
    await subscriber.subscribe(redis.keys.channel)
    a = redis.store()
    b = redis.store()
  })

  afterAll(() => {
    subscriber.disconnect()
  })

  /** A holds the lock of `key`; its lock then "expires" (deleted) and B takes it. */
  async function takeOver(key: string) {
    const { admin } = redis
    const lockKey = redis.keys.lock(key)
    const aFetch = deferred<StoredToken>()
    const bFetch = deferred<StoredToken>()
    const aLock = a.lock(key, () => aFetch.promise, { isUsable })
    await waitUntil(async () => (await admin.exists(lockKey)) === 1)
    const aFence = await admin.get(lockKey)
    await admin.del(lockKey)
    const bLock = b.lock(key, () => bFetch.promise, { isUsable })
    await waitUntil(async () => ![null, aFence].includes(await admin.get(lockKey)))
    return { lockKey, aFetch, bFetch, aLock, bLock, bFence: await admin.get(lockKey) }
  }

  it('cannot overwrite the newer token of the next holder', async () => {
    const { aFetch, bFetch, aLock, bLock } = await takeOver('v:overwrite')
    const older = makeToken('a', Date.now() - 1_000)
    const newer = makeToken('b', Date.now())
    bFetch.resolve(newer)
    expect(await bLock).toEqual(newer)
    aFetch.resolve(older)
    expect(await aLock).toEqual(newer) // A hands out the newer token it found
    expect(await b.get('v:overwrite')).toEqual(newer)
  })

  it('does not release the lock of the next holder', async () => {
    const { lockKey, aFetch, bFetch, aLock, bLock, bFence } = await takeOver('v:release')
    const aToken = makeToken('a')
    aFetch.resolve(aToken)
    await aLock
    // A publishes `ready` after its release attempt: once seen, the release has run.
    await waitUntil(() => notices.some((n) => n.type === 'ready' && n.key === 'v:release'))
    expect(await redis.admin.get(lockKey)).toBe(bFence)
    bFetch.resolve(makeToken('b'))
    await bLock
  })
})
