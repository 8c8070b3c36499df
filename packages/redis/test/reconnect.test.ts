import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type { StoredToken } from '@vendor-token/core'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { deferred, killConnections, makeToken, REDIS_URL, waitUntil } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'
import { type RedisProxy, startRedisProxy } from './helpers/tcp-proxy.js'

const isUsable = (token: StoredToken) => token.expiresAt > Date.now()

describe('Redis lost, then back: fallback and recovery', () => {
  const redis = useSharedRedis('reconnect', { cleanup: 'each' })
  const { ready } = redis
  let proxy: RedisProxy
  const closers: (() => unknown)[] = []

  beforeAll(async () => {
    proxy = await startRedisProxy(REDIS_URL)
  })

  afterEach(async () => {
    for (const close of closers.splice(0)) await close()
  })

  afterAll(async () => {
    await proxy.close()
  })

  it('after CLIENT KILL, reports the loss, recovers, and shares again', async () => {
    const name = `vt-test-kill-${randomBytes(4).toString('hex')}`
    const client = new Redis(REDIS_URL, { connectionName: name })
    const killed = redis.store({ redis: client })
    const peer = redis.store()
    closers.push(() => client.disconnect())
    await ready([killed, peer])

    const events: string[] = []
    killed.on('unavailable', () => events.push('unavailable'))
    const back = once(killed, 'available')
    expect(await killConnections(redis.admin, name)).toBe(2) // the client and the store's subscriber
    await back
    expect(events).toEqual(['unavailable'])
    await ready([killed, peer])

    let fetches = 0
    const fetchToken = async () => {
      fetches++
      await new Promise((resolve) => setTimeout(resolve, 100))
      return makeToken('after-kill')
    }
    const tokens = await Promise.all([
      killed.lock('v:after', fetchToken, { isUsable }),
      peer.lock('v:after', fetchToken, { isUsable }),
    ])
    expect(fetches).toBe(1)
    expect(tokens[0]).toEqual(tokens[1])

    const heard: string[] = []
    killed.onInvalidate((key) => heard.push(key))
    await peer.publishInvalidate('v:after') // the re-subscribed connection hears it
    await waitUntil(() => heard.length === 1)
  })

  it('while Redis is cut off, fetches locally; once back, the fleet shares again', async () => {
    const cutOff = redis.store({ redis: proxy.url })
    const peer = redis.store()
    closers.push(() => proxy.restore())
    await ready([cutOff, peer])

    // The peer holds the lock of v:during, fetching slowly.
    const peerFetch = deferred<StoredToken>()
    const peerLock = peer.lock('v:during', () => peerFetch.promise, { isUsable })
    await waitUntil(async () => (await redis.admin.exists(redis.keys.lock('v:during'))) === 1)

    const down = once(cutOff, 'unavailable')
    proxy.cut()
    await down
    let localFetches = 0
    const local = await cutOff.lock(
      'v:during',
      async () => {
        localFetches++
        return makeToken('local')
      },
      { isUsable },
    )
    expect(localFetches).toBe(1) // did not wait for the peer's lock
    expect(await cutOff.get('v:during')).toBeUndefined()
    peerFetch.resolve(makeToken('peer'))
    expect((await peerLock).accessToken).not.toBe(local.accessToken)

    const up = once(cutOff, 'available')
    proxy.restore()
    await up
    await ready([cutOff, peer])
    let fetches = 0
    const fetchToken = async () => {
      fetches++
      await new Promise((resolve) => setTimeout(resolve, 100))
      return makeToken('after-cut')
    }
    const tokens = await Promise.all([
      cutOff.lock('v:after-cut', fetchToken, { isUsable }),
      peer.lock('v:after-cut', fetchToken, { isUsable }),
    ])
    expect(fetches).toBe(1)
    expect(tokens[0]).toEqual(tokens[1])
  })
})
