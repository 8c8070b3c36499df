import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cacheKey, toHttpAnswer } from '../../src/adapter/index.js'
import {
  AuthorizationCallbackError,
  ManualClock,
  MemoryTokenStore,
  type TokenManager,
} from '../../src/index.js'
import { grants, loginAt, startWealthcom, userManager } from './support.js'

let emulator: Emulator
let manager: TokenManager
let store: MemoryTokenStore
let clock: ManualClock

beforeAll(async () => {
  emulator = await startWealthcom()
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.resetStats()
  clock = new ManualClock()
  store = new MemoryTokenStore(() => clock.now())
  manager = userManager(emulator, { clock, store })
})
afterEach(() => manager.close())

/** The rejection of a callback: must be a 400 AuthorizationCallbackError with that reason. */
async function rejected(
  query: URLSearchParams | Record<string, unknown>,
  user: string,
  reason: string,
) {
  const error = await manager.handleCallback('wealthcom', query, { user }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(AuthorizationCallbackError)
  expect(error).toMatchObject({ reason, status: 400, code: 'callback_rejected' })
  expect(toHttpAnswer(error)).toMatchObject({ status: 400, body: { error: 'callback_rejected' } })
  return error as AuthorizationCallbackError
}

function noTokenFor(...users: string[]) {
  for (const user of users) expect(store.get(cacheKey('wealthcom', { user }))).toBeUndefined()
}

async function providerCallback(user: string): Promise<URLSearchParams> {
  const { url } = await manager.authorizationUrl('wealthcom', { user })
  return loginAt(url)
}

describe('callbacks that must not sign anyone in (no code exchange, no token)', () => {
  it('missing state, or state given twice', async () => {
    const callback = await providerCallback('u1')
    await rejected({ code: callback.get('code') }, 'u1', 'state_missing')
    const twice = new URLSearchParams(callback)
    twice.append('state', 'another')
    await rejected(twice, 'u1', 'state_missing')
    expect(grants(emulator).authorization_code).toBeUndefined()
    noTokenFor('u1')
  })

  it('a state we never issued', async () => {
    const callback = await providerCallback('u1')
    callback.set('state', 'x'.repeat(43))
    await rejected(callback, 'u1', 'state_unknown')
    expect(grants(emulator).authorization_code).toBeUndefined()
    noTokenFor('u1')
  })

  it('a replayed callback: the state is single use', async () => {
    const callback = await providerCallback('u1')
    await manager.handleCallback('wealthcom', callback, { user: 'u1' })
    await rejected(callback, 'u1', 'state_unknown')
    expect(grants(emulator)).toEqual({ authorization_code: 1 })
  })

  it('a replayed code under a fresh state is refused by the provider (PKCE, single-use code)', async () => {
    const used = await providerCallback('victim')
    await manager.handleCallback('wealthcom', used, { user: 'victim' })
    const { url } = await manager.authorizationUrl('wealthcom', { user: 'mallory' })
    const fresh = new URL(url).searchParams.get('state')!
    const replay = new URLSearchParams({
      code: used.get('code')!,
      state: fresh,
      iss: used.get('iss')!,
    })
    const error = await rejected(replay, 'mallory', 'code_rejected')
    expect(error.cause).toMatchObject({ oauthError: 'invalid_grant' })
    noTokenFor('mallory')
  })

  it("a code for another user's state (either way round)", async () => {
    const victims = await providerCallback('victim')
    await rejected(victims, 'attacker', 'state_user_mismatch')
    const attackers = await providerCallback('attacker')
    await rejected(attackers, 'victim', 'state_user_mismatch') // login CSRF
    expect(grants(emulator).authorization_code).toBeUndefined()
    noTokenFor('victim', 'attacker')
  })

  it('error=access_denied (the advisor pressed Cancel)', async () => {
    const { url } = await manager.authorizationUrl('wealthcom', { user: 'u1' })
    const callback = await loginAt(url, true)
    expect(callback.get('error')).toBe('access_denied')
    const error = await rejected(callback, 'u1', 'provider_error')
    expect(error.message).toContain('access_denied')
    expect(grants(emulator).authorization_code).toBeUndefined()
    noTokenFor('u1')
  })

  it('a state older than 10 minutes', async () => {
    const callback = await providerCallback('u1')
    clock.advance(10 * 60_000)
    await rejected(callback, 'u1', 'state_expired')
    expect(grants(emulator).authorization_code).toBeUndefined()
    noTokenFor('u1')
  })

  it('no code (and the state is used up)', async () => {
    const callback = await providerCallback('u1')
    callback.delete('code')
    await rejected(callback, 'u1', 'code_missing')
    await rejected(callback, 'u1', 'state_unknown')
    noTokenFor('u1')
  })

  it('an iss that is not our issuer, or none although the provider promises one (RFC 9207)', async () => {
    const callback = await providerCallback('u1')
    expect(callback.get('iss')).toBe(emulator.vendors.wealthcom.issuer)
    callback.set('iss', 'https://evil.example/oidc')
    await rejected(callback, 'u1', 'issuer_mismatch')
    const without = await providerCallback('u1')
    without.delete('iss')
    await rejected(without, 'u1', 'issuer_mismatch')
    expect(grants(emulator).authorization_code).toBeUndefined()
    noTokenFor('u1')
  })

  it('an ID token without the nonce of this sign-in', async () => {
    const { url } = await manager.authorizationUrl('wealthcom', { user: 'u1' })
    const tampered = new URL(url)
    tampered.searchParams.set('nonce', 'n'.repeat(32))
    await rejected(await loginAt(tampered.href), 'u1', 'id_token_invalid')
    noTokenFor('u1')
  })

  it('an external returnTo is refused before any state is made', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
      await expect(
        manager.authorizationUrl('wealthcom', { user: 'u1', returnTo }),
      ).rejects.toMatchObject({ code: 'invalid_params', status: 400 })
    }
    expect(store.size).toBe(0)
  })
})
