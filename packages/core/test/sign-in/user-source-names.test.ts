/**
 * The two layers of a sign-in and their names: the manager owns the sign-in
 * (`authorizationUrl`, `handleCallback`, `signOut` = forget + revoke), the source only talks to
 * the provider (`prepareAuthorization`, `exchangeCode`, `revoke`).
 */
import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import {
  authorizationCode,
  ConfigurationError,
  ManualClock,
  MemoryTokenStore,
  silentLogger,
  TokenManager,
  type UserTokenSource,
} from '../../src/index.js'
import { grants, REDIRECT_URI, SCOPES, signIn, startWealthcom, tokenEndpoint } from './support.js'

let emulator: Emulator
let manager: TokenManager
let store: MemoryTokenStore
let source: UserTokenSource
let calls: string[]
const user = 'layered-advisor'
const key = `wealthcom:{"user":"${user}"}`

/** The emulator's provider behind a source that records which of its steps ran. */
function recordingSource(inner: UserTokenSource): UserTokenSource {
  return {
    kind: inner.kind,
    validate: (vendor, settings) => inner.validate?.(vendor, settings),
    normalizeParams: (params, vendor) => inner.normalizeParams?.(params, vendor) ?? params,
    requestToken: (context) => inner.requestToken(context),
    prepareAuthorization: (state, context) => {
      calls.push('prepareAuthorization')
      return inner.prepareAuthorization(state, context)
    },
    exchangeCode: (callback, context) => {
      calls.push('exchangeCode')
      return inner.exchangeCode(callback, context)
    },
    revoke: async (token, context) => {
      // What the manager had done by the time it asked the source to revoke.
      calls.push((await store.get(key)) === undefined ? 'revoke (forgotten)' : 'revoke (held)')
      return inner.revoke(token, context)
    },
  }
}

beforeAll(async () => {
  emulator = await startWealthcom()
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.resetStats()
  calls = []
  store = new MemoryTokenStore()
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  source = recordingSource(
    authorizationCode({
      issuer,
      clientId,
      clientSecret,
      redirectUri: REDIRECT_URI,
      scopes: SCOPES,
    }),
  )
  manager = new TokenManager({ store, retry: { retries: 0 } })
  manager.register('wealthcom', source)
})
afterEach(() => manager.close())

it('the manager drives prepareAuthorization and exchangeCode; signOut forgets, then revokes', async () => {
  await signIn(manager, user)
  expect(calls).toEqual(['prepareAuthorization', 'exchangeCode'])
  expect(await manager.signOut('wealthcom', { user })).toEqual({ revoked: true })
  expect(calls).toEqual(['prepareAuthorization', 'exchangeCode', 'revoke (forgotten)'])
})

it("the source's revoke only revokes: the manager still holds the user's token", async () => {
  const token = await signIn(manager, user)
  const held = (await store.get(key))!
  const context = {
    vendor: 'wealthcom',
    fetch: globalThis.fetch,
    signal: new AbortController().signal,
    clock: new ManualClock(),
    logger: silentLogger,
  }
  expect(await source.revoke(held, context)).toBe(true)
  expect((await manager.getToken('wealthcom', { user })).accessToken).toBe(token.accessToken)
  expect(await store.get(key)).toEqual(held)
  // Revoked at the provider all the same: the refresh token is refused there.
  const reuse = await tokenEndpoint(emulator, {
    grant_type: 'refresh_token',
    refresh_token: held.refreshToken!,
  })
  expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
})

it('a source with the 0.1 method names is refused with the new names, before any request', async () => {
  const old = {
    kind: 'authorization_code',
    requestToken: () => Promise.reject(new Error('not called')),
    authorizationUrl: () => Promise.reject(new Error('not called')),
    handleCallback: () => Promise.reject(new Error('not called')),
    signOut: () => Promise.reject(new Error('not called')),
  }
  manager.register('legacy', old)
  const renamed = /prepareAuthorization, exchangeCode, revoke/
  await expect(manager.authorizationUrl('legacy', { user })).rejects.toThrow(renamed)
  await expect(manager.handleCallback('legacy', 'state=s&code=c', { user })).rejects.toThrow(
    renamed,
  )
  await expect(manager.signOut('legacy', { user })).rejects.toBeInstanceOf(ConfigurationError)
  expect(grants(emulator)).toEqual({})
})
