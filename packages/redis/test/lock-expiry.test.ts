import type { StoredToken } from '@vendor-token/core'
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

const isUsable = (token: StoredToken) => token.expiresAt > Date.now()

describe('a lock holder that dies mid-fetch', () => {
  const prefix = uniquePrefix('lock-expiry')
  const encryptionKey = testKey()
  let admin: Redis
  const stores: RedisTokenStore[] = []

  beforeAll(() => {
    admin = adminClient()
  })

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()))
    await deleteKeys(admin, prefix)
    admin.disconnect()
  })

  it('loses the lock at its TTL and another instance fetches', async () => {
    // Waiters never give up on the fleet: only the expired lock lets B fetch.
    const options = {
      redis: REDIS_URL,
      prefix,
      encryptionKey,
      lockTtlMs: 600,
      waitTimeoutMs: 120_000,
    }
    const dying = new RedisTokenStore(options)
    const survivor = new RedisTokenStore(options)
    stores.push(dying, survivor)

    void dying.lock('v:key', () => new Promise<StoredToken>(() => undefined), { isUsable })
    await waitUntil(async () => (await admin.exists(`${prefix}lock:v:key`)) === 1)
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
    const options = { redis: REDIS_URL, prefix, encryptionKey, lockTtlMs: 300 }
    const holder = new RedisTokenStore(options)
    stores.push(holder)
    let finish!: (token: StoredToken) => void
    const held = holder.lock('v:renew', () => new Promise((resolve) => (finish = resolve)), {
      isUsable,
    })
    await waitUntil(async () => (await admin.exists(`${prefix}lock:v:renew`)) === 1)
    const fence = await admin.get(`${prefix}lock:v:renew`)
    await new Promise((resolve) => setTimeout(resolve, 900)) // three TTLs
    expect(await admin.get(`${prefix}lock:v:renew`)).toBe(fence)
    finish(makeToken('renewed'))
    await held
  })
})
