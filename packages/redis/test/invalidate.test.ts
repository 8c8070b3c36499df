import { TokenManager } from '@vendor-token/core'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisTokenStore } from '../src/index.js'
import {
  adminClient,
  deleteKeys,
  makeToken,
  REDIS_URL,
  testKey,
  uniquePrefix,
  waitUntil,
} from './helpers/redis.js'
import { countingSource } from './helpers/source.js'

describe('invalidate broadcast', () => {
  const prefix = uniquePrefix('invalidate')
  const encryptionKey = testKey()
  let admin: Redis
  let stores: RedisTokenStore[]

  beforeAll(async () => {
    admin = adminClient()
    stores = [0, 1, 2].map(() => new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey }))
    await waitUntil(async () => {
      const [, subscribers] = (await admin.pubsub('NUMSUB', `${prefix}events`)) as [string, number]
      return subscribers >= stores.length
    })
  })

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()))
    await deleteKeys(admin, prefix)
    admin.disconnect()
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
