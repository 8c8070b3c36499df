import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { StoredToken, TokenManager } from '../../src/index.js'
import { Token } from '../support/internal.js'
import { grants, loginAt, REDIRECT_URI, signIn, startWealthcom, userManager } from './support.js'

let emulator: Emulator
let manager: TokenManager
let issued: Array<{ user: string; tokens: StoredToken }>

beforeAll(async () => {
  emulator = await startWealthcom()
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.resetStats()
  issued = []
  manager = userManager(emulator, { issued })
})
afterEach(() => manager.close())

describe('a full sign-in against the provider (authorization code + PKCE S256)', () => {
  it("builds the authorization request of the seed's step 1", async () => {
    const { url, expiresAt } = await manager.authorizationUrl('wealthcom', { user: 'u1' })
    const request = new URL(url)
    const query = Object.fromEntries(request.searchParams)
    expect(`${request.origin}${request.pathname}`).toBe(`${emulator.vendors.wealthcom.issuer}/auth`)
    expect(query).toMatchObject({
      response_type: 'code',
      client_id: emulator.vendors.wealthcom.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid offline_access clients:read',
      code_challenge_method: 'S256',
    })
    expect(query.state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(query.nonce).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(expiresAt - Date.now()).toBeGreaterThan(9 * 60_000)
    // Every sign-in gets its own state, challenge and nonce.
    const again = new URL((await manager.authorizationUrl('wealthcom', { user: 'u1' })).url)
    for (const name of ['state', 'code_challenge', 'nonce']) {
      expect(again.searchParams.get(name)).not.toBe(query[name])
    }
  })

  it('signs in, stores the user token, and calls the Advisor API with it', async () => {
    const token = await signIn(manager, 'advisor-session-1', '/clients?page=2')
    expect(token).toBeInstanceOf(Token)
    expect(token.returnTo).toBe('/clients?page=2')
    expect(token.claims?.sub).toBe(emulator.vendors.wealthcom.testLogin.username)
    expect(grants(emulator)).toEqual({ authorization_code: 1 })

    // Cached per user: no further token request.
    const cached = await manager.getToken('wealthcom', { user: 'advisor-session-1' })
    expect(cached.accessToken).toBe(token.accessToken)
    const response = await manager.fetch(
      'wealthcom',
      `${emulator.vendors.wealthcom.baseUrl}/v1/clients`,
      {},
      { user: 'advisor-session-1' },
    )
    expect(response.status).toBe(200)
    expect(grants(emulator)).toEqual({ authorization_code: 1 })

    expect(issued).toHaveLength(1)
    expect(issued[0]?.user).toBe('advisor-session-1')
    expect(issued[0]?.tokens.refreshToken).toEqual(expect.any(String))
    expect(issued[0]?.tokens.accessToken).toBe(token.accessToken)
  })

  it('keeps tokens per user: another user is not signed in', async () => {
    await signIn(manager, 'u-a')
    const other = await manager.getToken('wealthcom', { user: 'u-b' }).catch((e: unknown) => e)
    expect(other).toMatchObject({ code: 'not_signed_in', status: 401 })
  })

  it('works for a public client (no secret, PKCE only)', async () => {
    const { issuer, publicClientId } = emulator.vendors.wealthcom
    const publicManager = userManager(emulator, {
      source: { issuer, clientId: publicClientId, clientSecret: undefined },
    })
    try {
      const token = await signIn(publicManager, 'spa-user')
      expect(token.claims?.client_id).toBe(publicClientId)
    } finally {
      await publicManager.close()
    }
  })

  it('asks for no nonce when openid is not requested', async () => {
    const plain = userManager(emulator, { source: { scopes: ['offline_access', 'clients:read'] } })
    try {
      const { url } = await plain.authorizationUrl('wealthcom', { user: 'u1' })
      expect(new URL(url).searchParams.has('nonce')).toBe(false)
      const callback = await loginAt(url)
      const token = await plain.handleCallback('wealthcom', callback, { user: 'u1' })
      expect(token.claims?.sub).toBe(emulator.vendors.wealthcom.testLogin.username)
    } finally {
      await plain.close()
    }
  })
})
