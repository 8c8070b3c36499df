import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { ManualClock, type StoredToken, type TokenManager } from '../../src/index.js'
import { grants, signIn, startWealthcom, tokenEndpoint, userManager } from './support.js'

let emulator: Emulator
let manager: TokenManager
let clock: ManualClock
let issued: Array<{ user: string; tokens: StoredToken }>

beforeAll(async () => {
  emulator = await startWealthcom(300)
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.resetStats()
  clock = new ManualClock()
  issued = []
  manager = userManager(emulator, { clock, issued })
})
afterEach(() => manager.close())

it('50 concurrent requests of one user at expiry make one refresh request', async () => {
  const user = 'busy-advisor'
  await signIn(manager, user)
  clock.advance(250_000)
  const tokens = await Promise.all(
    Array.from({ length: 50 }, () => manager.getToken('wealthcom', { user })),
  )
  expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1)
  expect(grants(emulator)).toEqual({ authorization_code: 1, refresh_token: 1 })
  // The rotated refresh token still works: it was sent exactly once.
  const latest = issued.at(-1)!.tokens.refreshToken!
  expect(
    (await tokenEndpoint(emulator, { grant_type: 'refresh_token', refresh_token: latest })).status,
  ).toBe(200)
})

it('two users at expiry refresh independently', async () => {
  await signIn(manager, 'a')
  await signIn(manager, 'b')
  clock.advance(250_000)
  const [a, b] = await Promise.all([
    manager.getToken('wealthcom', { user: 'a' }),
    manager.getToken('wealthcom', { user: 'b' }),
  ])
  expect(a.accessToken).not.toBe(b.accessToken)
  expect(grants(emulator)).toEqual({ authorization_code: 2, refresh_token: 2 })
})
