import type { StoredToken } from '@vendor-token/core'
import { describe, expect, it } from 'vitest'
import type { RedisTokenStore, RedisTokenStoreOptions } from '../src/index.js'
import { makeToken, waitUntil } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'

const isUsable = (token: StoredToken) => token.expiresAt > Date.now()

describe('distributed single-flight across store instances', () => {
  const redis = useSharedRedis('single-flight', { cleanup: 'each' })
  let stores: RedisTokenStore[] = []

  /** Stores on separate connections (each creates its own client from the URL). */
  async function fleet(size: number, options: Partial<RedisTokenStoreOptions> = {}) {
    stores = Array.from({ length: size }, () => redis.store(options))
    await redis.ready(stores)
    return stores
  }

  it('lets exactly one instance fetch; the others get its token', async () => {
    await fleet(5)
    let fetches = 0
    const fetchToken = async () => {
      fetches++
      await new Promise((resolve) => setTimeout(resolve, 200))
      return makeToken('shared')
    }
    const tokens = await Promise.all(stores.map((s) => s.lock('v:cold', fetchToken, { isUsable })))
    expect(fetches).toBe(1)
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1)
    expect(await redis.admin.exists(redis.keys.lock('v:cold'))).toBe(0)
  })

  it('wakes the waiters with the pub/sub notice, not the poll', async () => {
    await fleet(3, { pollIntervalMs: 120_000, waitTimeoutMs: 120_000 })
    let fetches = 0
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const fetchToken = async () => {
      fetches++
      await gate
      return makeToken('notified')
    }
    const pending = stores.map((s) => s.lock('v:notice', fetchToken, { isUsable }))
    await waitUntil(() => fetches === 1)
    // Give every waiter time to find the lock taken and start waiting.
    await new Promise((resolve) => setTimeout(resolve, 500))
    release()
    const tokens = await Promise.all(pending)
    expect(fetches).toBe(1)
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1)
  })
})
