import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  type AuthorizationCodeOptions,
  authorizationCode,
  ConfigurationError,
  clientCredentials,
  TokenManager,
  UnknownVendorError,
} from '../../src/index.js'

const SECRET = 'sign-in-secret-XYZ-123'
const valid: AuthorizationCodeOptions = {
  issuer: 'https://auth.example.com/oidc',
  clientId: 'app',
  clientSecret: SECRET,
  redirectUri: 'https://app.example.com/auth/callback',
  scopes: ['openid', 'offline_access'],
}

function register(overrides: Partial<AuthorizationCodeOptions> & Record<string, unknown>) {
  return () => new TokenManager().register('acme', authorizationCode({ ...valid, ...overrides }))
}

describe('authorizationCode options are checked at register', () => {
  it('accepts a confidential and a public client', () => {
    expect(register({})).not.toThrow()
    expect(register({ clientSecret: undefined })).not.toThrow()
    expect(
      register({
        issuer: undefined,
        endpoints: { authorization: 'https://a.example/auth', token: 'https://a.example/token' },
      }),
    ).not.toThrow()
  })

  it.each([
    ['no clientId', { clientId: '' }],
    ['an empty secret', { clientSecret: '' }],
    ['issuer and endpoints', { endpoints: { authorization: 'https://a/x', token: 'https://a/y' } }],
    ['neither issuer nor endpoints', { issuer: undefined }],
    ['an http issuer that is not loopback', { issuer: 'http://auth.example.com' }],
    ['an http redirect URI that is not loopback', { redirectUri: 'http://app.example.com/cb' }],
    ['a redirect URI with a fragment', { redirectUri: 'https://app.example.com/cb#x' }],
    ['scopes that are not a list', { scopes: 'openid' }],
    ['a scope with a space', { scopes: ['openid profile'] }],
    ['auth json', { auth: 'json' }],
    ['an extra parameter the grant sets itself', { extraAuthorizeParams: { state: 'fixed' } }],
    ['onTokens that is not a function', { onTokens: 'log' }],
  ])('refuses %s', (_what, overrides) => {
    const attempt = register(overrides as Partial<AuthorizationCodeOptions>)
    expect(attempt).toThrow(ConfigurationError)
    try {
      attempt()
    } catch (error) {
      expect(String(error)).not.toContain(SECRET)
    }
  })

  it('serialises without the secret', () => {
    const source = authorizationCode(valid)
    expect(JSON.stringify(source)).not.toContain(SECRET)
    expect(inspect(source)).not.toContain(SECRET)
    expect(JSON.parse(JSON.stringify(source))).toMatchObject({
      kind: 'authorization_code',
      client: 'basic',
    })
  })
})

describe('sign-in calls need a user source', () => {
  it('UnknownVendorError / ConfigurationError before any request', async () => {
    const manager = new TokenManager()
    manager.register(
      'm2m',
      clientCredentials({ tokenUrl: 'https://a.example/token', clientId: 'a', clientSecret: 'b' }),
    )
    await expect(manager.authorizationUrl('nope', { user: 'u' })).rejects.toBeInstanceOf(
      UnknownVendorError,
    )
    await expect(manager.authorizationUrl('m2m', { user: 'u' })).rejects.toBeInstanceOf(
      ConfigurationError,
    )
    await expect(manager.handleCallback('m2m', {}, { user: 'u' })).rejects.toBeInstanceOf(
      ConfigurationError,
    )
    await expect(manager.signOut('m2m', { user: 'u' })).rejects.toBeInstanceOf(ConfigurationError)
    manager.register('acme', authorizationCode(valid))
    await expect(manager.authorizationUrl('acme', { user: '' })).rejects.toMatchObject({
      code: 'invalid_params',
    })
    await manager.close()
    await expect(manager.authorizationUrl('acme', { user: 'u' })).rejects.toMatchObject({
      code: 'closed',
    })
  })
})
