import { TokenManager } from '@vendor-token/core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RedisTokenStore } from '../src/index.js'
import { makeToken, waitUntil } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'
import { countingSource } from './helpers/source.js'

describe('invalidate broadcast', () => {
  const redis = useSharedRedis('invalidate')
  let stores: RedisTokenStore[]

  beforeAll(async () => {
    stores = [0, 1, 2].map(() => redis.store())
    await redis.ready(stores)
  })

  it('reaches every other instance, not the sender, and the token is gone for all', async () => {
    const [sender, other, unsubscribed] = stores as [
      RedisTokenStore,
      RedisTokenStore,
      RedisTokenStore,
    ]
    const heard: Record<string, string[]> = { sender: [], other: [], unsubscribed: [] }
    sender.onInvalidate((key) => heard.sender!.push(key))
    other.onInvalidate((key) => heard.other!.push(key))
    const stop = unsubscribed.onInvalidate((key) => heard.unsubscribed!.push(key))
    stop()

    await sender.set('v:revoked', makeToken('revoked'))
    await sender.delete('v:revoked')
    await sender.publishInvalidate('v:revoked')

    await waitUntil(() => heard.other!.length === 1)
    expect(heard.other).toEqual(['v:revoked'])
    expect(await other.get('v:revoked')).toBeUndefined()
    // One more notice from another sender: by the time it arrives, the first one has too.
    await other.publishInvalidate('v:marker')
    await waitUntil(() => heard.sender!.includes('v:marker'))
    expect(heard.sender).toEqual(['v:marker'])
    expect(heard.unsubscribed).toEqual([])
  })

  it('makes the other managers drop the key when one manager invalidates', async () => {
    const managers = stores.slice(0, 2).map((store) => new TokenManager({ store }))
    const sources = managers.map((manager) => {
      const source = countingSource()
      manager.register('vendor', source)
      return source
    })
    const [first, second] = managers as [TokenManager, TokenManager]
    try {
      const shared = await first.getToken('vendor')
      expect((await second.getToken('vendor')).accessToken).toBe(shared.accessToken)
      const dropped = new Promise((resolve) => second.once('invalidated', resolve))
      await first.invalidate('vendor')
      expect(await dropped).toMatchObject({ vendor: 'vendor', remote: true })
      const fresh = await second.getToken('vendor')
      expect(fresh.accessToken).not.toBe(shared.accessToken)
      expect(sources[0]!.requests + sources[1]!.requests).toBe(2)
    } finally {
      await Promise.all(managers.map((manager) => manager.close()))
    }
  })
})
