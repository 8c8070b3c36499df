import { createHash } from 'node:crypto'
import type { StoredToken, TokenManager } from '@vendor-token/core'
import { cacheKey } from '@vendor-token/core/adapter'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { keyHash } from '../src/keys.js'
import { useSharedRedis } from './helpers/redis-fixture.js'
import { providerCallback, userManager } from './sign-in-support.js'

const redis = useSharedRedis('sign-in-encrypted', { cleanup: 'each' })
const { prefix, keys } = redis
let emulator: Emulator
let manager: TokenManager | undefined

beforeAll(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await manager?.close()
  manager = undefined
})
afterAll(async () => {
  await emulator.close()
})

/** Every value under the prefix, as Redis holds it. */
async function rawValues(): Promise<string> {
  const names = await redis.admin.keys(`{${prefix}*`)
  const values = await Promise.all(names.map((name) => redis.admin.hgetall(name)))
  return [...names, ...values.flatMap((value) => Object.values(value))].join('\n')
}

it('keeps refresh tokens, ID tokens and PKCE verifiers unreadable in Redis', async () => {
  const issued: StoredToken[] = []
  ;({ manager } = userManager(emulator, redis.store(), issued))

  const { url } = await manager.authorizationUrl('wealthcomUser', { user: 'advisor' })
  const state = new URL(url).searchParams.get('state')!
  const pending = await rawValues()
  const stateKey = `authorization-state:wealthcomUser:${createHash('sha256').update(state).digest('base64url')}`
  expect(await redis.admin.exists(keys.token(stateKey))).toBe(1)
  expect(pending).not.toContain(state)
  expect(pending).not.toContain('"verifier"')

  const token = await manager.handleCallback(
    'wealthcomUser',
    await providerCallback(manager, 'advisor'),
    { user: 'advisor' },
  )
  const raw = await rawValues()
  const { refreshToken, idToken, accessToken } = issued[0]!
  // Key names carry a hash of the cache key, not the user's name.
  expect(raw).toContain(keyHash(cacheKey('wealthcomUser', { user: 'advisor' })))
  expect(raw).not.toContain('advisor')
  for (const secret of [refreshToken!, idToken!, accessToken, token.accessToken]) {
    expect(raw).not.toContain(secret)
    expect(raw).not.toContain(secret.slice(20, 60)) // not even a piece of it
  }
  // The user's token set has no expiry in Redis: it lives until sign-out.
  const key = keys.token(cacheKey('wealthcomUser', { user: 'advisor' }))
  expect(await redis.admin.pttl(key)).toBe(-1)
  await manager.signOut('wealthcomUser', { user: 'advisor' })
  expect(await redis.admin.exists(key)).toBe(0)
})

it('take is atomic: one state, taken once across the fleet', async () => {
  const store = redis.store()
  const other = redis.store()
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
  expect(await redis.admin.exists(keys.token('single-use'))).toBe(0)
})
