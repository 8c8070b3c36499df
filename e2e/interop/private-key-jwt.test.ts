import { generateKeyPairSync } from 'node:crypto'
import {
  authorizationCode,
  clientCredentials,
  TokenManager,
  TokenRequestRejectedError,
} from '@vendor-token/core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  completeProviderLogin,
  type OidcProviderServer,
  startOidcProvider,
} from './support/index.js'

// One key per algorithm family core picks by default; the client registers their public JWKs.
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const publicJwk = (key: typeof rsa.publicKey, kid: string) => ({
  ...key.export({ format: 'jwk' }),
  kid,
  use: 'sig',
})

const REDIRECT_URI = 'http://127.0.0.1:9/callback'
let op: OidcProviderServer
beforeAll(async () => {
  op = await startOidcProvider({
    clients: [
      {
        client_id: 'signer',
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [publicJwk(rsa.publicKey, 'rsa-1'), publicJwk(ec.publicKey, 'ec-1')] },
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'signer-web',
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [publicJwk(ec.publicKey, 'ec-1')] },
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: [REDIRECT_URI],
      },
    ],
  })
})
afterAll(() => op.close())

describe('private_key_jwt against stock oidc-provider', () => {
  let manager: TokenManager
  beforeEach(() => {
    manager = new TokenManager({ allowInsecureHttp: true, retry: { retries: 0 } })
  })
  afterEach(() => manager.close())

  it('gets a token with an RS256 assertion (PEM key, discovery, aud = token endpoint)', async () => {
    manager.register(
      'op',
      clientCredentials({
        issuer: op.issuer,
        clientId: 'signer',
        auth: 'private_key_jwt',
        privateKey: rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        kid: 'rsa-1',
        scope: 'api:read',
      }),
    )
    const token = await manager.getToken('op')
    expect(token.claims).toMatchObject({ client_id: 'signer', aud: op.resource })
    expect(op.log.ofGrant('client_credentials').at(-1)).toMatchObject({
      clientId: 'signer',
      clientAuthMethod: 'private_key_jwt',
      error: undefined,
    })
  })

  it('sends a fresh assertion per request: a second token request is not a replay', async () => {
    manager.register(
      'op',
      clientCredentials({
        tokenUrl: op.tokenUrl,
        clientId: 'signer',
        auth: 'private_key_jwt',
        privateKey: ec.privateKey.export({ format: 'jwk' }),
        kid: 'ec-1',
        scope: 'api:read',
      }),
    )
    const first = await manager.getToken('op')
    await manager.invalidate('op')
    const second = await manager.getToken('op')
    expect(second.accessToken).not.toBe(first.accessToken)
    const grants = op.log.ofGrant('client_credentials').slice(-2)
    expect(grants.map((grant) => grant.error)).toEqual([undefined, undefined])
  })

  it("is accepted with assertionAudience: 'issuer' (ES256 KeyObject)", async () => {
    manager.register(
      'op',
      clientCredentials({
        issuer: op.issuer,
        clientId: 'signer',
        auth: 'private_key_jwt',
        privateKey: ec.privateKey,
        kid: 'ec-1',
        assertionAudience: 'issuer',
        scope: 'api:read',
      }),
    )
    await expect(manager.getToken('op')).resolves.toMatchObject({ tokenType: 'Bearer' })
  })

  it('is refused with invalid_client when signed by a key the client did not register', async () => {
    manager.register(
      'op',
      clientCredentials({
        issuer: op.issuer,
        clientId: 'signer',
        auth: 'private_key_jwt',
        privateKey: other.privateKey,
        scope: 'api:read',
      }),
    )
    const error = await manager.getToken('op').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TokenRequestRejectedError)
    expect(error).toMatchObject({ oauthError: 'invalid_client', httpStatus: 401 })
  })
})

describe('private_key_jwt for a user source (authorization code, refresh, revocation)', () => {
  it('signs in, refreshes with rotation and revokes at sign-out, each with a fresh assertion', async () => {
    op.log.clear()
    const manager = new TokenManager({ allowInsecureHttp: true, retry: { retries: 0 } })
    try {
      manager.register(
        'op',
        authorizationCode({
          issuer: op.issuer,
          clientId: 'signer-web',
          auth: 'private_key_jwt',
          privateKey: ec.privateKey,
          kid: 'ec-1',
          redirectUri: REDIRECT_URI,
          scopes: ['openid', 'offline_access', 'api:read'],
          extraAuthorizeParams: { prompt: 'consent' },
        }),
      )
      const { url } = await manager.authorizationUrl('op', { user: 'u1' })
      const callback = new URL(await completeProviderLogin(url))
      const signedIn = await manager.handleCallback(
        'op',
        Object.fromEntries(callback.searchParams),
        {
          user: 'u1',
        },
      )
      await manager.invalidate('op', { user: 'u1' })
      const refreshed = await manager.getToken('op', { user: 'u1' })
      expect(refreshed.accessToken).not.toBe(signedIn.accessToken)
      expect(await manager.signOut('op', { user: 'u1' })).toEqual({ revoked: true })
      expect(
        op.log.grants.map(({ grantType, clientAuthMethod, error }) => ({
          grantType,
          clientAuthMethod,
          error,
        })),
      ).toEqual([
        { grantType: 'authorization_code', clientAuthMethod: 'private_key_jwt', error: undefined },
        { grantType: 'refresh_token', clientAuthMethod: 'private_key_jwt', error: undefined },
      ])
      expect(op.log.consumedRefreshTokens).toHaveLength(1)
      expect(op.log.destroyed.some((entry) => entry.startsWith('RefreshToken:'))).toBe(true)
    } finally {
      await manager.close()
    }
  })
})
