import { ManualClock, type StoredToken, TokenManager } from '@vendor-token/core'
import { completeTestLogin, type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WEALTHCOM_ISSUER, wealthcom } from '../src/index.js'

// wealthcom.user against the emulator's Wealth.com provider (oidc-provider): the seed's
// "Authorization Code flow overview" steps 1-4, then the refresh token grant.
const redirectUri = 'http://127.0.0.1:41234/auth/callback'
let emulator: Emulator
let manager: TokenManager
let clock: ManualClock
let issued: StoredToken[]

beforeAll(async () => {
  emulator = await startEmulator({ tokenTtlSeconds: { wealthcom: 300 } })
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.resetStats()
  clock = new ManualClock()
  issued = []
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  manager = new TokenManager({ clock })
  manager.register(
    'wealthcomUser',
    wealthcom.user({
      issuer,
      clientId,
      clientSecret,
      redirectUri,
      scopes: ['openid', 'email', 'offline_access'],
      onTokens: (_user, tokens) => void issued.push(tokens),
    }),
  )
})
afterEach(() => manager.close())

const grants = () => emulator.stats('wealthcom').tokenRequestsByGrantType

describe('wealthcom.user: advisor sign-in', () => {
  it('steps 1-4: authorize with PKCE S256, callback with code and state, code exchange, tokens', async () => {
    // 1. response_type=code, client_id, redirect_uri, scope, state, code_challenge (S256).
    const { url } = await manager.authorizationUrl('wealthcomUser', { user: 'session-1' })
    const request = new URL(url).searchParams
    expect(Object.fromEntries(request)).toMatchObject({
      response_type: 'code',
      client_id: emulator.vendors.wealthcom.clientId,
      redirect_uri: redirectUri,
      scope: 'openid email offline_access',
      code_challenge_method: 'S256',
    })
    expect(request.get('state')).toBeTruthy()
    expect(request.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // 2. The advisor signs in and consents; the provider redirects back with code and state.
    const callback = new URL(await completeTestLogin(url)).searchParams
    expect(callback.get('state')).toBe(request.get('state'))
    // 3. grant_type=authorization_code with the code, redirect_uri, code_verifier and (the
    //    confidential client) Basic client authentication: the provider accepts nothing else.
    const token = await manager.handleCallback('wealthcomUser', callback, { user: 'session-1' })
    expect(grants()).toEqual({ authorization_code: 1 })
    // 4. access_token (used for API calls) and a refresh_token (kept for the refresh grant).
    expect(token.claims?.sub).toBe(emulator.vendors.wealthcom.testLogin.username)
    expect(issued[0]?.refreshToken).toEqual(expect.any(String))
    const response = await fetch(`${emulator.vendors.wealthcom.baseUrl}/v1/clients`, {
      headers: { authorization: token.authorization },
    })
    expect(response.status).toBe(200)
  })

  it('refreshes with grant_type=refresh_token when the ~1 h access token runs out, rotating it', async () => {
    await manager.handleCallback(
      'wealthcomUser',
      new URL(
        await completeTestLogin(
          (await manager.authorizationUrl('wealthcomUser', { user: 'u' })).url,
        ),
      ).searchParams,
      { user: 'u' },
    )
    clock.advance(250_000)
    const fresh = await manager.getToken('wealthcomUser', { user: 'u' })
    expect(grants()).toEqual({ authorization_code: 1, refresh_token: 1 })
    expect(issued[1]?.refreshToken).not.toBe(issued[0]?.refreshToken)
    expect(fresh.accessToken).toBe(issued[1]?.accessToken)
  })

  it('a public client (no secret) signs in with PKCE alone', async () => {
    const { issuer, publicClientId } = emulator.vendors.wealthcom
    const spa = new TokenManager()
    spa.register(
      'wealthcomUser',
      wealthcom.user({ issuer, clientId: publicClientId, redirectUri, scopes: ['openid'] }),
    )
    try {
      const { url } = await spa.authorizationUrl('wealthcomUser', { user: 'u' })
      const callback = new URL(await completeTestLogin(url)).searchParams
      const token = await spa.handleCallback('wealthcomUser', callback, { user: 'u' })
      expect(token.claims?.client_id).toBe(publicClientId)
    } finally {
      await spa.close()
    }
  })
})

describe('wealthcom.user options its grant takes', () => {
  it('extraAuthorizeParams go on the authorization request (e.g. prompt=consent)', async () => {
    const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
    manager.register(
      'consenting',
      wealthcom.user({
        issuer,
        clientId,
        clientSecret,
        redirectUri,
        scopes: ['openid', 'offline_access'],
        extraAuthorizeParams: { prompt: 'consent', login_hint: 'advisor@example.com' },
      }),
    )
    const { url } = await manager.authorizationUrl('consenting', { user: 'u1' })
    const query = new URL(url).searchParams
    expect(query.get('prompt')).toBe('consent')
    expect(query.get('login_hint')).toBe('advisor@example.com')
    expect(query.get('code_challenge_method')).toBe('S256') // the protocol's own stay
  })

  it("auth: 'post' is shown, and the protocol's own parameters cannot be overridden", () => {
    const options = {
      clientId: 'id',
      clientSecret: 'secret',
      redirectUri: 'https://app.example.com/cb',
      scopes: ['openid'],
    }
    expect(JSON.parse(JSON.stringify(wealthcom.user({ ...options, auth: 'post' })))).toMatchObject({
      client: 'post',
    })
    const bad = new TokenManager()
    expect(() =>
      bad.register('w', wealthcom.user({ ...options, extraAuthorizeParams: { state: 'x' } })),
    ).toThrow(/extraAuthorizeParams must not set state/)
  })
})

describe('wealthcom.user configuration', () => {
  it('defaults the issuer to the documented assumption and never shows the secret', () => {
    const source = wealthcom.user({
      clientId: 'id',
      clientSecret: 'never-shown-secret',
      redirectUri: 'https://app.example.com/cb',
      scopes: ['openid'],
    })
    expect(JSON.parse(JSON.stringify(source))).toMatchObject({
      preset: 'wealthcom.user',
      issuer: WEALTHCOM_ISSUER,
      client: 'basic',
    })
    expect(JSON.stringify(source)).not.toContain('never-shown-secret')
  })

  it.each([
    ['clientId', { clientId: '' }],
    ['redirectUri', { redirectUri: '' }],
    ['scopes', { scopes: [] }],
    ['issuer', { issuer: 'http://auth.example.com' }],
    ['clientSecret', { clientSecret: ' ' }],
  ])('refuses a bad %s at register', (name, overrides) => {
    const bad = new TokenManager()
    const options = {
      clientId: 'id',
      redirectUri: 'https://a.example/cb',
      scopes: ['openid'],
      ...overrides,
    }
    expect(() => bad.register('w', wealthcom.user(options))).toThrow(new RegExp(name))
  })
})
