import type { StoredToken } from '@vendor-token/core'
import { describe, expect, it } from 'vitest'
import { deferred, makeToken, waitUntil } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'

const isUsable = (token: StoredToken) => token.expiresAt > Date.now()

describe('a waiter past waitTimeoutMs', () => {
  const redis = useSharedRedis('wait-timeout')

  it('fetches by itself while the holder is still busy, and shares what it got', async () => {
    const holder = redis.store()
    const waiter = redis.store({ waitTimeoutMs: 400 })
    const held = deferred<StoredToken>()
    const holding = holder.lock('v:slow', () => held.promise, { isUsable })
    await waitUntil(async () => (await redis.admin.exists(redis.keys.lock('v:slow'))) === 1)

    let fetches = 0
    const own = await waiter.lock(
      'v:slow',
      async () => {
        fetches++
        return makeToken('waiter')
      },
      { isUsable },
    )
    expect(fetches).toBe(1)
    expect(await holder.get('v:slow')).toEqual(own)

    held.resolve(makeToken('holder', own.issuedAt - 1)) // issued before the waiter's
    expect(await holding).toEqual(own)
  })
})
