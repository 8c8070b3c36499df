import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import {
  AuthorizationCallbackError,
  ManualClock,
  MemoryTokenStore,
  NotSignedInError,
  type TokenManager,
} from '../../src/index.js'
import { AUTHORIZATION_STATE_TTL_MS } from '../support/internal.js'
import { grants, loginAt, signIn, startWealthcom, userManager } from './support.js'

let emulator: Emulator
let manager: TokenManager | undefined

beforeAll(async () => {
  emulator = await startWealthcom(300)
})
afterAll(() => emulator.close())
afterEach(() => manager?.close())

it('a user entry with a refresh token is evicted from memory only: the store keeps the user signed in', async () => {
  emulator.resetStats()
  // Behind real time, so the provider's tokens (issued on the real clock) outlive the moves.
  const clock = new ManualClock(Date.now() - 600_000)
  const store = new MemoryTokenStore(clock)
  manager = userManager(emulator, { clock, store, manager: { maxEntries: 1 } })
  const evicted: string[] = []
  manager.on('evicted', ({ key, reason }) => evicted.push(`${reason} ${key}`))
  await signIn(manager, 'advisor-1')
  await signIn(manager, 'advisor-2') // the bound is 1: advisor-1 leaves memory
  expect(evicted).toEqual(['max_entries wealthcom:{"user":"advisor-1"}'])
  expect(manager.cacheStats().entries).toBe(1)
  expect(store.get('wealthcom:{"user":"advisor-1"}')?.refreshToken).toBeDefined()
  // advisor-1 asks again: the token comes from the store, no sign-in and no token request.
  const before = grants(emulator)
  const token = await manager.getToken('wealthcom', { user: 'advisor-1' })
  expect(token.accessToken).toBe(store.get('wealthcom:{"user":"advisor-1"}')?.accessToken)
  expect(grants(emulator)).toEqual(before)
  store.close()
})

it("a callback with another user's state is refused without consuming it", async () => {
  emulator.resetStats()
  const clock = new ManualClock()
  manager = userManager(emulator, { clock })
  const { url } = await manager.authorizationUrl('wealthcom', { user: 'victim' })
  const callback = await loginAt(url)
  const refused = await manager
    .handleCallback('wealthcom', callback, { user: 'attacker' })
    .catch((e: unknown) => e)
  expect(refused).toBeInstanceOf(AuthorizationCallbackError)
  expect(refused).toMatchObject({ reason: 'state_user_mismatch' })
  // The state is still there for its own user, who finishes the sign-in.
  const token = await manager.handleCallback('wealthcom', callback, { user: 'victim' })
  expect(token.accessToken).toBeTruthy()
  expect(grants(emulator).authorization_code).toBe(1)
})

it('20,000 unredeemed sign-in states: 0 records after their TTL on the clock', async () => {
  const clock = new ManualClock()
  const store = new MemoryTokenStore(clock)
  manager = userManager(emulator, { clock, store })
  for (let i = 0; i < 20_000; i++) await manager.authorizationUrl('wealthcom', { user: `v${i}` })
  expect(store.size).toBe(20_000)
  clock.advance(AUTHORIZATION_STATE_TTL_MS) // expired now, but kept to answer `state_expired`
  expect(store.size).toBe(20_000)
  // The records live twice the TTL; the store's own sweep (on the clock) removes them.
  clock.advance(AUTHORIZATION_STATE_TTL_MS + 60_000)
  expect(clock.pendingTimers).toBe(0) // nothing left to sweep: the timer is not re-armed
  expect(store.size).toBe(0)
  store.close()
}, 120_000)

it('100,000 users who never signed in: no entry, no token request', async () => {
  emulator.resetStats()
  manager = userManager(emulator, { clock: new ManualClock() })
  for (let i = 0; i < 100_000; i++) {
    const error = await manager.getToken('wealthcom', { user: `u${i}` }).catch((e: unknown) => e)
    if (!(error instanceof NotSignedInError)) throw new Error(`user ${i}: ${String(error)}`)
  }
  expect(manager.cacheStats().entries).toBe(0)
  expect(manager.status()).toEqual([])
  expect(grants(emulator)).toEqual({})
}, 120_000)
