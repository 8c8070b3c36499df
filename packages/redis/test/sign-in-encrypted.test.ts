import { cacheKey, type StoredToken, type TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import type { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { RedisTokenStore } from '../src/index.js'
import { adminClient, deleteKeys, REDIS_URL, testKey, uniquePrefix } from './helpers/redis.js'
import { providerCallback, userManager } from './sign-in-support.js'

let emulator: Emulator
let admin: Redis
let store: RedisTokenStore
let manager: TokenManager
const prefix = uniquePrefix('sign-in-encrypted')

beforeAll(async () => {
  emulator = await startEmulator()
  admin = adminClient()
})
afterEach(async () => {
  await manager?.close()
  await store?.close()
  await deleteKeys(admin, prefix)
})
afterAll(async () => {
  admin.disconnect()
  await emulator.close()
})

/** Every value under the prefix, as Redis holds it. */
async function rawValues(): Promise<string> {
  const keys = await admin.keys(`${prefix}*`)
  const values = await Promise.all(keys.map((key) => admin.hgetall(key)))
  return [...keys, ...values.flatMap((value) => Object.values(value))].join('\n')
}

it('keeps refresh tokens, ID tokens and PKCE verifiers unreadable in Redis', async () => {
  const issued: StoredToken[] = []
  store = new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey: testKey() })
  ;({ manager } = userManager(emulator, store, issued))

  const { url } = await manager.authorizationUrl('wealthcomUser', { user: 'advisor' })
  const state = new URL(url).searchParams.get('state')!
  const pending = await rawValues()
  expect(pending).toContain('authorization-state:wealthcomUser:')
  expect(pending).not.toContain(state)
  expect(pending).not.toContain('"verifier"')

  const token = await manager.handleCallback(
    'wealthcomUser',
    await providerCallback(manager, 'advisor'),
    { user: 'advisor' },
  )
  const raw = await rawValues()
  const { refreshToken, idToken, accessToken } = issued[0]!
  expect(raw).toContain(cacheKey('wealthcomUser', { user: 'advisor' }))
  for (const secret of [refreshToken!, idToken!, accessToken, token.accessToken]) {
    expect(raw).not.toContain(secret)
    expect(raw).not.toContain(secret.slice(20, 60)) // not even a piece of it
  }
  // The user's token set has no expiry in Redis: it lives until sign-out.
  const key = `${prefix}token:${cacheKey('wealthcomUser', { user: 'advisor' })}`
  expect(await admin.pttl(key)).toBe(-1)
  await manager.signOut('wealthcomUser', { user: 'advisor' })
  expect(await admin.exists(key)).toBe(0)
})

it('take is atomic: one state, taken once across the fleet', async () => {
  const encryptionKey = testKey()
  store = new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey })
  const other = new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey })
  try {
    const record = {
      accessToken: 'a',
      tokenType: 'T',
      issuedAt: Date.now(),
      expiresAt: Date.now() + 60_000,
    }
    await store.set('single-use', record)
    const taken = await Promise.all([
      store.take('single-use'),
      other.take('single-use'),
      store.take('single-use'),
    ])
    expect(taken.filter((value) => value !== undefined)).toHaveLength(1)
    expect(await admin.exists(`${prefix}token:single-use`)).toBe(0)
  } finally {
    await other.close()
  }
})
