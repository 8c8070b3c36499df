import type { StoredToken } from '@vendor-token/core'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisTokenStore } from '../src/index.js'
import {
  adminClient,
  deferred,
  deleteKeys,
  makeToken,
  REDIS_URL,
  testKey,
  uniquePrefix,
  waitUntil,
} from './helpers/redis.js'

const isUsable = (token: StoredToken) => token.expiresAt > Date.now()

describe('a waiter past waitTimeoutMs', () => {
  const prefix = uniquePrefix('wait-timeout')
  const encryptionKey = testKey()
  let admin: Redis
  let holder: RedisTokenStore
  let waiter: RedisTokenStore

  beforeAll(() => {
    admin = adminClient()
    holder = new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey })
    waiter = new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey, waitTimeoutMs: 400 })
  })

  afterAll(async () => {
    await Promise.all([holder.close(), waiter.close()])
    await deleteKeys(admin, prefix)
    admin.disconnect()
  })

  it('fetches by itself while the holder is still busy, and shares what it got', async () => {
    const held = deferred<StoredToken>()
    const holding = holder.lock('v:slow', () => held.promise, { isUsable })
    await waitUntil(async () => (await admin.exists(`${prefix}lock:v:slow`)) === 1)

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
