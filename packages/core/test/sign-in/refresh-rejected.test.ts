import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import {
  ManualClock,
  MemoryTokenStore,
  NotSignedInError,
  ReauthenticationRequiredError,
  type StoredToken,
  type TokenEvents,
  type TokenManager,
} from '../../src/index.js'
import { grants, signIn, startWealthcom, tokenEndpoint, userManager } from './support.js'

let emulator: Emulator
let manager: TokenManager
let clock: ManualClock
let store: MemoryTokenStore
let issued: Array<{ user: string; tokens: StoredToken }>
const user = 'advisor-2'
const key = 'wealthcom:{"user":"advisor-2"}'

beforeAll(async () => {
  emulator = await startWealthcom(300)
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.resetStats()
  // Ten minutes behind real time: every token the provider issues (on the real clock) stays
  // valid on this clock for its whole lifetime, however far the test moves it (< 10 minutes).
  clock = new ManualClock(Date.now() - 600_000)
  store = new MemoryTokenStore(() => clock.now())
  issued = []
  manager = userManager(emulator, { clock, store, issued })
})
afterEach(() => manager.close())

it('invalid_grant on refresh signs the user out: tokens deleted, signedOut, ReauthenticationRequiredError, no loop', async () => {
  const signedOut: TokenEvents['signedOut'][0][] = []
  manager.on('signedOut', (event) => signedOut.push(event))
  await signIn(manager, user)
  // The refresh token dies at the provider (its grant is revoked by a reuse of the token).
  const refreshToken = issued[0]!.tokens.refreshToken!
  expect(
    (await tokenEndpoint(emulator, { grant_type: 'refresh_token', refresh_token: refreshToken }))
      .status,
  ).toBe(200)
  expect(
    (await tokenEndpoint(emulator, { grant_type: 'refresh_token', refresh_token: refreshToken }))
      .status,
  ).toBe(400)
  emulator.resetStats()

  clock.advance(250_000)
  const error = await manager.getToken('wealthcom', { user }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ReauthenticationRequiredError)
  expect(error).toBeInstanceOf(NotSignedInError) // existing handlers of NotSignedInError still work
  expect(error).toMatchObject({ status: 401, code: 'reauthentication_required' })
  expect((error as Error).message).toMatch(/session ended.*must sign in again/)
  expect((error as Error).cause).toMatchObject({ oauthError: 'invalid_grant' })
  expect(signedOut).toEqual([{ vendor: 'wealthcom', key, user, reason: 'refresh_rejected' }])
  expect(store.get(key)).toBeUndefined()
  expect(grants(emulator)).toEqual({ refresh_token: 1 })

  // Later calls fail at once: the dead refresh token is not sent again.
  for (const advance of [0, 10_000, 60_000]) {
    clock.advance(advance)
    await expect(manager.getToken('wealthcom', { user })).rejects.toBeInstanceOf(NotSignedInError)
  }
  expect(grants(emulator)).toEqual({ refresh_token: 1 })
  expect(signedOut).toHaveLength(1)

  // Signing in again works.
  await signIn(manager, user)
  expect((await manager.getToken('wealthcom', { user })).claims?.sub).toBe(
    emulator.vendors.wealthcom.testLogin.username,
  )
})

it('an expired token without a refresh token: ReauthenticationRequiredError, nothing requested', async () => {
  // What a provider that issued no refresh token (no offline_access granted) leaves behind.
  const now = clock.now()
  await manager.setToken(
    'wealthcom',
    { user },
    { accessToken: 'access-only', tokenType: 'Bearer', issuedAt: now, expiresAt: now + 300_000 },
  )
  expect((await manager.getToken('wealthcom', { user })).accessToken).toBe('access-only')

  clock.advance(301_000)
  const error = await manager.getToken('wealthcom', { user }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ReauthenticationRequiredError)
  expect(error).toBeInstanceOf(NotSignedInError)
  expect(error).toMatchObject({ status: 401, code: 'reauthentication_required' })
  expect((error as Error).message).toMatch(/session ended.*must sign in again/)
  expect((error as Error).message).not.toMatch(/has not signed in/)
  expect(emulator.stats('wealthcom').tokenRequests).toBe(0)
  expect(emulator.stats('wealthcom').discoveryRequests).toBe(0)
})

it('a user who never signed in gets NotSignedInError without any request', async () => {
  const error = await manager.getToken('wealthcom', { user: 'nobody' }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(NotSignedInError)
  expect(error).not.toBeInstanceOf(ReauthenticationRequiredError)
  expect(emulator.stats('wealthcom').tokenRequests).toBe(0)
  expect(emulator.stats('wealthcom').discoveryRequests).toBe(0)
})

it('getToken without a user is an InvalidParamsError', async () => {
  await expect(manager.getToken('wealthcom')).rejects.toMatchObject({ code: 'invalid_params' })
  await expect(manager.getToken('wealthcom', { user: 'x', scopes: ['a'] })).rejects.toMatchObject({
    code: 'invalid_params',
  })
})
