import {
  authorizationCode,
  clientCredentials,
  MemoryTokenStore,
  TokenManager,
} from '@vendor-token/core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startProtectedResource } from './resource/protected-resource.js'
import {
  completeProviderLogin,
  type OidcProviderServer,
  startOidcProvider,
} from './support/index.js'

const REDIRECT_URI = 'http://127.0.0.1:9/callback'
let op: OidcProviderServer
let resource: Awaited<ReturnType<typeof startProtectedResource>>
beforeAll(async () => {
  // requireNonce: every DPoP proof needs a nonce the provider issued (RFC 9449 8).
  op = await startOidcProvider({
    dpopNonce: true,
    clients: [
      {
        client_id: 'dpop-client',
        client_secret: 'dpop-secret',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        // A public client: its refresh tokens are bound to the DPoP key (RFC 9449 5).
        client_id: 'dpop-web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: [REDIRECT_URI],
      },
    ],
  })
  resource = await startProtectedResource({
    issuer: op.issuer,
    jwks: op.jwksUrl,
    audience: op.resource,
    dpopNonce: true,
  })
})
afterAll(async () => {
  await resource.close()
  await op.close()
})

describe('DPoP against stock oidc-provider (nonce required)', () => {
  let manager: TokenManager
  beforeEach(() => {
    op.log.clear()
    manager = new TokenManager({ allowInsecureHttp: true, retry: { retries: 0 } })
    manager.register(
      'op',
      clientCredentials({
        issuer: op.issuer,
        clientId: 'dpop-client',
        clientSecret: 'dpop-secret',
        scope: 'api:read',
        dpop: true,
      }),
    )
  })
  afterEach(() => manager.close())

  it('gets a DPoP-bound token after one use_dpop_nonce round', async () => {
    const token = await manager.getToken('op')
    expect(token.tokenType).toBe('DPoP')
    expect(token.authorization).toBe(`DPoP ${token.accessToken}`)
    expect(token.claims).toMatchObject({ cnf: { jkt: expect.any(String) } })
    expect(op.log.ofGrant('client_credentials').map((grant) => grant.error)).toEqual([
      'use_dpop_nonce',
      undefined,
    ])
  })

  it('uses the remembered nonce for the next token request (no second round)', async () => {
    await manager.getToken('op')
    await manager.invalidate('op')
    await manager.getToken('op')
    expect(op.log.ofGrant('client_credentials').map((grant) => grant.error)).toEqual([
      'use_dpop_nonce',
      undefined,
      undefined,
    ])
  })

  it("manager.fetch answers the resource server's nonce challenge once and is let in", async () => {
    const before = resource.decisions.length
    const response = await manager.fetch('op', `${resource.url}/accounts?page=1`)
    expect(response.status).toBe(200)
    expect(resource.decisions.slice(before)).toEqual([
      { status: 401, reason: 'use_dpop_nonce' },
      { status: 200, reason: 'ok' },
    ])
    // The nonce is remembered for the origin: the next call gets in at once.
    expect((await manager.fetch('op', `${resource.url}/accounts`, { method: 'POST' })).status).toBe(
      200,
    )
    expect(resource.decisions.length - before).toBe(3)
  })

  it('the resource server refuses the DPoP token without a proof (it checks the binding)', async () => {
    const { authorization } = await manager.getToken('op')
    const response = await fetch(`${resource.url}/accounts`, { headers: { authorization } })
    expect(response.status).toBe(401)
    expect(resource.decisions.at(-1)).toEqual({ status: 401, reason: 'no DPoP proof' })
  })
})

describe('DPoP for a user source (public client, nonce required)', () => {
  it('binds the sign-in and every refresh to the key stored with the tokens, on any instance', async () => {
    op.log.clear()
    const store = new MemoryTokenStore()
    const instance = () => {
      const manager = new TokenManager({ store, allowInsecureHttp: true, retry: { retries: 0 } })
      manager.register(
        'op',
        authorizationCode({
          issuer: op.issuer,
          clientId: 'dpop-web',
          redirectUri: REDIRECT_URI,
          scopes: ['openid', 'offline_access', 'api:read'],
          extraAuthorizeParams: { prompt: 'consent' },
          dpop: true,
        }),
      )
      return manager
    }
    const first = instance()
    const second = instance() // its own DPoP key
    try {
      const { url } = await first.authorizationUrl('op', { user: 'u1' })
      const callback = new URL(await completeProviderLogin(url))
      const signedIn = await first.handleCallback('op', Object.fromEntries(callback.searchParams), {
        user: 'u1',
      })
      expect(signedIn.tokenType).toBe('DPoP')
      // The second instance reads the token set, then refreshes it: with the first one's key,
      // or the provider refuses (the refresh token is bound to it).
      await second.getToken('op', { user: 'u1' })
      await second.invalidate('op', { user: 'u1' })
      const refreshed = await second.getToken('op', { user: 'u1' })
      expect(refreshed.tokenType).toBe('DPoP')
      expect(refreshed.claims).toMatchObject({ cnf: signedIn.claims?.cnf })
      const response = await second.fetch('op', `${resource.url}/me`, {}, { user: 'u1' })
      expect(response.status).toBe(200)
      expect(op.log.grants.map(({ grantType, error }) => `${grantType}:${error ?? 'ok'}`)).toEqual([
        'authorization_code:use_dpop_nonce',
        'authorization_code:ok',
        'refresh_token:use_dpop_nonce',
        'refresh_token:ok',
      ])
    } finally {
      await first.close()
      await second.close()
    }
  })
})
