import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, type StoredToken, type TokenManager } from '../../src/index.js'
import { grants, signIn, startWealthcom, tokenEndpoint, userManager } from './support.js'

// The provider issues 300 s access tokens on the real clock; the manager runs on a ManualClock
// that starts at real time, so moving it 250 s ahead puts the token inside the 60 s skew while
// the tokens the provider issues next are still valid on both clocks.
let emulator: Emulator
let manager: TokenManager
let clock: ManualClock
let issued: Array<{ user: string; tokens: StoredToken }>
const user = 'advisor-1'

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

describe('refresh_token grant with rotation', () => {
  it('refreshes when the access token is within the skew, and the new refresh token replaces the old', async () => {
    const first = await signIn(manager, user)
    clock.advance(200_000)
    expect((await manager.getToken('wealthcom', { user })).accessToken).toBe(first.accessToken)
    expect(grants(emulator).refresh_token).toBeUndefined()

    clock.advance(50_000) // 250 s: inside the skew
    const refreshed = await manager.getToken('wealthcom', { user })
    expect(refreshed.accessToken).not.toBe(first.accessToken)
    expect(refreshed.claims?.sub).toBe(first.claims?.sub)
    expect(grants(emulator)).toEqual({ authorization_code: 1, refresh_token: 1 })

    // onTokens saw both sets; the refresh rotated the refresh token.
    expect(issued).toHaveLength(2)
    const [signedIn, rotated] = issued.map((set) => set.tokens)
    expect(rotated?.refreshToken).toEqual(expect.any(String))
    expect(rotated?.refreshToken).not.toBe(signedIn?.refreshToken)

    // The old refresh token is refused by the provider afterwards.
    const reuse = await tokenEndpoint(emulator, {
      grant_type: 'refresh_token',
      refresh_token: signedIn!.refreshToken!,
    })
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  })

  it('refreshes with the rotated refresh token the next time, not the first one', async () => {
    await signIn(manager, user)
    clock.advance(250_000)
    await manager.getToken('wealthcom', { user })
    clock.advance(40_000) // the refreshed token lives ~50 s on this clock: inside its skew again
    const third = await manager.getToken('wealthcom', { user })
    expect(grants(emulator)).toEqual({ authorization_code: 1, refresh_token: 2 })
    // Had the first refresh token been sent again, the provider would have revoked the grant.
    const response = await manager.fetch(
      'wealthcom',
      `${emulator.vendors.wealthcom.baseUrl}/v1/clients`,
      {},
      { user },
    )
    expect(response.status).toBe(200)
    expect(issued.map((set) => set.tokens.accessToken)).toContain(third.accessToken)
  })
})
