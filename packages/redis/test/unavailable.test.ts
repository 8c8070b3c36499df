import { once } from 'node:events'
import { createServer } from 'node:net'
import type { StoredToken } from '@vendor-token/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisTokenStore, StoreUnavailableError } from '../src/index.js'
import { makeToken, testKey } from './helpers/redis.js'

const isUsable = (token: StoredToken) => token.expiresAt > Date.now()

/** A loopback port nothing listens on. */
async function unusedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  return typeof address === 'object' && address ? address.port : 0
}

describe('Redis unreachable', () => {
  let store: RedisTokenStore
  let unavailable: Promise<unknown[]>

  beforeAll(async () => {
    store = new RedisTokenStore({
      redis: `redis://127.0.0.1:${await unusedPort()}`,
      encryptionKey: testKey(),
      // If anything waited for these, the test would time out: failing fast is the feature.
      operationTimeoutMs: 120_000,
      waitTimeoutMs: 120_000,
    })
    unavailable = once(store, 'unavailable')
  })

  afterAll(async () => {
    await store.close()
  })

  it('reports it with an event', async () => {
    const [{ error }] = (await unavailable) as [{ error: StoreUnavailableError }]
    expect(error).toBeInstanceOf(StoreUnavailableError)
    expect(error.code).toBe('store_unavailable')
    expect(store.available).toBe(false)
  })

  it('fails fast: reads miss, writes and broadcasts are no-ops', async () => {
    await unavailable
    expect(await store.get('v:key')).toBeUndefined()
    await store.set('v:key', makeToken('x'))
    await store.delete('v:key')
    await store.publishInvalidate('v:key')
  })

  it('runs the fetch locally from the lock', async () => {
    await unavailable
    let fetches = 0
    const fetchToken = async () => {
      fetches++
      return makeToken('local')
    }
    const first = await store.lock('v:key', fetchToken, { isUsable })
    const second = await store.lock('v:key', fetchToken, { isUsable })
    expect(fetches).toBe(2) // nothing shared, nothing waited for
    expect(first.accessToken).not.toBe(second.accessToken)
  })
})
