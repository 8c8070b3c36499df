import {
  authorizationCode,
  ManualClock,
  NotSignedInError,
  ReauthenticationRequiredError,
  type StoredToken,
  TokenManager,
} from '@vendor-token/core'
import { wealthcom } from '@vendor-token/vendors'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type OidcProviderServer,
  signInThroughProvider,
  startOidcProvider,
} from './support/index.js'

// Advisor sign-in (authorization code + PKCE S256) against stock oidc-provider: a confidential
// and a public client through core's authorizationCode, the wealthcom.user preset, refresh
// after expiry with rotation, and revocation at sign-out.
const REDIRECT_URI = 'http://127.0.0.1:9/auth/callback' // never called: the code is read from it
const SECRET = 'web-secret-1'
const SCOPES = ['openid', 'offline_access', 'api:read']
const TTL_SECONDS = 300
let op: OidcProviderServer
let manager: TokenManager
let clock: ManualClock
let issued: StoredToken[]

beforeAll(async () => {
  const web = {
    redirect_uris: [REDIRECT_URI],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  }
  op = await startOidcProvider({
    accessTokenTtl: TTL_SECONDS,
    clients: [
      { ...web, client_id: 'web', client_secret: SECRET },
      { ...web, client_id: 'spa', token_endpoint_auth_method: 'none' },
    ],
  })
})
afterAll(() => op.close())
beforeEach(() => {
  op.log.clear()
  issued = []
  // Ten minutes behind real time: the provider's tokens (real clock) stay valid on this clock
  // for their whole lifetime while the test moves it past each access token's expiry.
  clock = new ManualClock(Date.now() - 600_000)
  manager = new TokenManager({ clock, retry: { retries: 0 } })
})
afterEach(() => manager.close())

const onTokens = (_user: string, tokens: StoredToken) => void issued.push(tokens)
const expire = () => clock.advance((TTL_SECONDS + 1) * 1000)

function registerWealthcom(extraAuthorizeParams?: Record<string, string>) {
  manager.register(
    'wealthcomUser',
    wealthcom.user({
      issuer: op.issuer,
      clientId: 'web',
      clientSecret: SECRET,
      redirectUri: REDIRECT_URI,
      scopes: SCOPES,
      onTokens,
      ...(extraAuthorizeParams ? { extraAuthorizeParams } : {}),
    }),
  )
}

describe('authorization code + PKCE', () => {
  it('a confidential client (client_secret_basic) signs in and gets a JWT access token', async () => {
    manager.register(
      'op',
      authorizationCode({
        issuer: op.issuer,
        clientId: 'web',
        clientSecret: SECRET,
        redirectUri: REDIRECT_URI,
        scopes: SCOPES,
        extraAuthorizeParams: { prompt: 'consent' },
        onTokens,
      }),
    )
    const token = await signInThroughProvider(manager, 'op', 'advisor-1')
    expect(token.claims).toMatchObject({ sub: 'advisor-1', client_id: 'web', aud: op.resource })
    expect(issued[0]?.refreshToken).toEqual(expect.any(String))
    expect(op.log.ofGrant('authorization_code')).toEqual([
      expect.objectContaining({ clientAuthMethod: 'client_secret_basic', error: undefined }),
    ])
  })

  it('a public client (no secret, PKCE only) signs in and refreshes', async () => {
    manager.register(
      'op',
      authorizationCode({
        issuer: op.issuer,
        clientId: 'spa',
        redirectUri: REDIRECT_URI,
        scopes: SCOPES,
        extraAuthorizeParams: { prompt: 'consent' },
        onTokens,
      }),
    )
    const first = await signInThroughProvider(manager, 'op', 'advisor-2')
    expect(first.claims).toMatchObject({ sub: 'advisor-2', client_id: 'spa' })
    expire()
    const second = await manager.getToken('op', { user: 'advisor-2' })
    expect(second.accessToken).not.toBe(first.accessToken)
    expect(op.log.ofGrant('refresh_token')).toEqual([
      expect.objectContaining({ clientAuthMethod: 'none', error: undefined }),
    ])
  })
})

describe('wealthcom.user against stock oidc-provider', () => {
  it("with extraAuthorizeParams { prompt: 'consent' }: refresh after expiry rotates, each refresh token used once", async () => {
    registerWealthcom({ prompt: 'consent' })
    const signedIn = await signInThroughProvider(manager, 'wealthcomUser', 'advisor-3')
    const tokens = [signedIn.accessToken]
    for (let round = 0; round < 2; round++) {
      expire()
      tokens.push((await manager.getToken('wealthcomUser', { user: 'advisor-3' })).accessToken)
    }
    expect(new Set(tokens).size).toBe(3)

    const refreshTokens = issued.map((set) => set.refreshToken)
    expect(refreshTokens).toHaveLength(3)
    expect(new Set(refreshTokens).size).toBe(3) // rotated every time
    // The server saw the newest refresh token each time, never an old one twice.
    const presented = op.log.ofGrant('refresh_token').map((grant) => grant.refreshToken)
    expect(presented).toEqual([refreshTokens[0], refreshTokens[1]])
    expect(op.log.ofGrant('refresh_token').every((grant) => grant.error === undefined)).toBe(true)
    expect(op.log.consumedRefreshTokens).toEqual([refreshTokens[0], refreshTokens[1]])
  })

  it('without prompt=consent the provider drops offline_access: after expiry ReauthenticationRequiredError, nothing requested', async () => {
    registerWealthcom()
    await signInThroughProvider(manager, 'wealthcomUser', 'advisor-4')
    expect(issued[0]?.refreshToken).toBeUndefined()
    op.log.clear()
    expire()
    const error = await manager
      .getToken('wealthcomUser', { user: 'advisor-4' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReauthenticationRequiredError)
    expect(error).toBeInstanceOf(NotSignedInError)
    expect(error).toMatchObject({ code: 'reauthentication_required', status: 401 })
    expect((error as Error).message).toMatch(/session ended.*must sign in again/)
    expect(op.log.grants).toEqual([])
  })

  it('a refresh token revoked at the provider: ReauthenticationRequiredError with invalid_grant as cause', async () => {
    registerWealthcom({ prompt: 'consent' })
    await signInThroughProvider(manager, 'wealthcomUser', 'advisor-5')
    const refreshToken = issued[0]!.refreshToken!
    const revoked = await fetch(op.revocationUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`web:${SECRET}`).toString('base64')}` },
      body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' }),
    })
    expect(revoked.status).toBe(200)
    expire()
    const error = await manager
      .getToken('wealthcomUser', { user: 'advisor-5' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReauthenticationRequiredError)
    expect((error as Error).cause).toMatchObject({ oauthError: 'invalid_grant' })
    expect(op.log.ofGrant('refresh_token')).toEqual([
      expect.objectContaining({ refreshToken, error: 'invalid_grant' }),
    ])
  })

  it('signOut revokes the refresh token at the provider (RFC 7009) and forgets the tokens', async () => {
    registerWealthcom({ prompt: 'consent' })
    await signInThroughProvider(manager, 'wealthcomUser', 'advisor-6')
    const refreshToken = issued[0]!.refreshToken!
    expect(await manager.signOut('wealthcomUser', { user: 'advisor-6' })).toEqual({
      revoked: true,
    })
    expect(op.log.destroyed).toContain(`RefreshToken:${refreshToken}`)
    await expect(manager.getToken('wealthcomUser', { user: 'advisor-6' })).rejects.toBeInstanceOf(
      NotSignedInError,
    )
    // The provider no longer honours it.
    const reuse = await fetch(op.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`web:${SECRET}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    })
    expect(reuse.status).toBe(400)
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' })
  })
})
