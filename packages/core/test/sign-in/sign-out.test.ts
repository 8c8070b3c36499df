import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import {
  authorizationCode,
  MemoryTokenStore,
  NotSignedInError,
  type StoredToken,
  type TokenEvents,
  TokenManager,
} from '../../src/index.js'
import {
  grants,
  REDIRECT_URI,
  signIn,
  startWealthcom,
  tokenEndpoint,
  userManager,
} from './support.js'

let emulator: Emulator
let manager: TokenManager
let store: MemoryTokenStore
let issued: Array<{ user: string; tokens: StoredToken }>
const user = 'leaving-advisor'

beforeAll(async () => {
  emulator = await startWealthcom()
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.resetStats()
  store = new MemoryTokenStore()
  issued = []
  manager = userManager(emulator, { store, issued })
})
afterEach(() => manager.close())

it('signOut deletes the tokens, emits signedOut and revokes the refresh token', async () => {
  const signedOut: TokenEvents['signedOut'][0][] = []
  manager.on('signedOut', (event) => signedOut.push(event))
  await signIn(manager, user)
  expect(store.size).toBe(1)

  expect(await manager.signOut('wealthcom', { user })).toEqual({ revoked: true })
  expect(store.size).toBe(0)
  expect(signedOut).toEqual([
    { vendor: 'wealthcom', key: 'wealthcom:{"user":"leaving-advisor"}', user, reason: 'sign_out' },
  ])
  const before = emulator.stats('wealthcom').tokenRequests
  await expect(manager.getToken('wealthcom', { user })).rejects.toBeInstanceOf(NotSignedInError)
  expect(emulator.stats('wealthcom').tokenRequests).toBe(before)

  const refreshToken = issued[0]!.tokens.refreshToken!
  const reuse = await tokenEndpoint(emulator, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  })
  expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
})

it('signing out a user who is not signed in does nothing and sends nothing', async () => {
  const signedOut: unknown[] = []
  manager.on('signedOut', (event) => signedOut.push(event))
  expect(await manager.signOut('wealthcom', { user: 'nobody' })).toEqual({ revoked: false })
  expect(signedOut).toEqual([])
  expect(grants(emulator)).toEqual({})
})

it('without a revocation endpoint it signs out here and reports revoked: false', async () => {
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  const local = new TokenManager()
  local.register(
    'wealthcom',
    authorizationCode({
      endpoints: { authorization: `${issuer}/auth`, token: `${issuer}/token` },
      clientId,
      clientSecret,
      redirectUri: REDIRECT_URI,
      scopes: ['offline_access', 'clients:read'],
    }),
  )
  try {
    await signIn(local, user)
    expect(await local.signOut('wealthcom', { user })).toEqual({ revoked: false })
    await expect(local.getToken('wealthcom', { user })).rejects.toBeInstanceOf(NotSignedInError)
  } finally {
    await local.close()
  }
})
