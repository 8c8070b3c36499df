import type { StoredToken } from '@vendor-token/core'
import { describe, expect, it } from 'vitest'
import { makeToken, waitUntil } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'

const isUsable = (token: StoredToken) => token.expiresAt > Date.now()

describe('a lock holder that dies mid-fetch', () => {
  const redis = useSharedRedis('lock-expiry')
  const { keys } = redis

  it('loses the lock at its TTL and another instance fetches', async () => {
    // Waiters never give up on the fleet: only the expired lock lets B fetch.
    const options = { lockTtlMs: 600, waitTimeoutMs: 120_000 }
    const dying = redis.store(options)
    const survivor = redis.store(options)

    void dying.lock('v:key', () => new Promise<StoredToken>(() => undefined), { isUsable })
    await waitUntil(async () => (await redis.admin.exists(keys.lock('v:key'))) === 1)
    await dying.close() // the process "dies": no more renewals, no release

    let fetches = 0
    const token = await survivor.lock(
      'v:key',
      async () => {
        fetches++
        return makeToken('survivor')
      },
      { isUsable },
    )
    expect(fetches).toBe(1)
    expect(await survivor.get('v:key')).toEqual(token)
  })

  it('keeps the lock past its TTL while the holder is alive (renewal)', async () => {
    const holder = redis.store({ lockTtlMs: 300 })
    let finish!: (token: StoredToken) => void
    const held = holder.lock('v:renew', () => new Promise((resolve) => (finish = resolve)), {
      isUsable,
    })
    await waitUntil(async () => (await redis.admin.exists(keys.lock('v:renew'))) === 1)
    const fence = await redis.admin.get(keys.lock('v:renew'))
    await new Promise((resolve) => setTimeout(resolve, 900)) // three TTLs
    expect(await redis.admin.get(keys.lock('v:renew'))).toBe(fence)
    finish(makeToken('renewed'))
    await held
  })
})
