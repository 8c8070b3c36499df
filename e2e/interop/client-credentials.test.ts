import { generateKeyPairSync } from 'node:crypto'
import {
  type ClientAuthMethod,
  clientCredentials,
  TokenManager,
  TokenRequestRejectedError,
} from '@vendor-token/core'
import { apiture } from '@vendor-token/vendors'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type MockServer,
  type OidcProviderServer,
  startMockServer,
  startOidcProvider,
} from './support/index.js'

// client_credentials against two servers nobody here wrote, in their stock configuration: every
// client authentication method each one speaks, with the token endpoint discovered from the
// issuer and given as a plain URL.
const SECRET = 'interop-secret-1'
// The key pair of the private_key_jwt client: the provider holds only the public JWK.
const assertionKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
let op: OidcProviderServer
let mock: MockServer
let manager: TokenManager

function machineClient(clientId: string, method: string) {
  return {
    client_id: clientId,
    client_secret: SECRET,
    token_endpoint_auth_method: method,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
  }
}

beforeAll(async () => {
  op = await startOidcProvider({
    clients: [
      machineClient('cc-basic', 'client_secret_basic'),
      machineClient('cc-post', 'client_secret_post'),
      {
        ...machineClient('cc-jwt', 'private_key_jwt'),
        client_secret: undefined,
        jwks: { keys: [{ ...assertionKey.publicKey.export({ format: 'jwk' }), kid: 'k1' }] },
      },
    ],
  })
  mock = await startMockServer({ client: { id: 'mock-client', secret: SECRET } })
})
afterAll(async () => {
  await op.close()
  await mock.close()
})
beforeEach(() => {
  op.log.clear()
  mock.requests.length = 0
  manager = new TokenManager({ retry: { retries: 0 } })
})
afterEach(() => manager.close())

type Endpoint = 'discovery' | 'token URL'
const endpoints: Endpoint[] = ['discovery', 'token URL']

describe('client_credentials against stock oidc-provider', () => {
  const cases: Array<[ClientAuthMethod, string, string, Endpoint]> = endpoints.flatMap(
    (endpoint) => [
      ['basic', 'cc-basic', 'client_secret_basic', endpoint] as const,
      ['post', 'cc-post', 'client_secret_post', endpoint] as const,
    ],
  )
  it.each(cases)("auth '%s' (client %s, %s) with %s", async (auth, clientId, method, endpoint) => {
    manager.register(
      'op',
      clientCredentials({
        ...(endpoint === 'discovery' ? { issuer: op.issuer } : { tokenUrl: op.tokenUrl }),
        clientId,
        clientSecret: SECRET,
        auth,
        scope: 'api:read',
      }),
    )
    const token = await manager.getToken('op')
    expect(token.claims).toMatchObject({ iss: op.issuer, client_id: clientId, aud: op.resource })
    expect(token.scope).toBe('api:read')
    expect(op.log.grants).toEqual([
      expect.objectContaining({ grantType: 'client_credentials', clientAuthMethod: method }),
    ])
    expect(op.log.grants[0]?.error).toBeUndefined()
  })

  it("auth 'basic_and_post' is refused by the strict server: TokenRequestRejectedError invalid_request", async () => {
    manager.register(
      'op',
      clientCredentials({
        issuer: op.issuer,
        clientId: 'cc-basic',
        clientSecret: SECRET,
        auth: 'basic_and_post',
        scope: 'api:read',
      }),
    )
    const error = await manager.getToken('op').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TokenRequestRejectedError)
    expect(error).toMatchObject({ vendor: 'op', httpStatus: 400, oauthError: 'invalid_request' })
    expect(JSON.stringify(error)).not.toContain(SECRET)
  })

  it("auth 'json' is refused (the server reads forms only): a typed error, not a token", async () => {
    manager.register(
      'op',
      clientCredentials({
        tokenUrl: op.tokenUrl,
        clientId: 'cc-post',
        clientSecret: SECRET,
        auth: 'json',
        scope: 'api:read',
      }),
    )
    const error = await manager.getToken('op').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TokenRequestRejectedError)
    expect((error as TokenRequestRejectedError).httpStatus).toBe(400)
  })

  it('a wrong secret is invalid_client, named for the vendor, never echoing the secret', async () => {
    manager.register(
      'op',
      clientCredentials({ issuer: op.issuer, clientId: 'cc-basic', clientSecret: 'wrong-secret' }),
    )
    const error = await manager.getToken('op').catch((e: unknown) => e)
    expect(error).toMatchObject({ vendor: 'op', oauthError: 'invalid_client' })
    expect(JSON.stringify(error)).not.toContain('wrong-secret')
  })
})

describe('the apiture preset against stock oidc-provider (a strict server)', () => {
  const preset = (clientId: string, auth?: 'basic_and_post' | 'basic' | 'post') =>
    apiture({
      issuer: op.issuer,
      clientId,
      clientSecret: SECRET,
      scopes: ['api:read'],
      ...(auth ? { auth } : {}),
    })

  it("auth 'basic' gets a token (the doc's default sends two mechanisms, which it refuses)", async () => {
    manager.register('apiture', preset('cc-basic', 'basic'))
    const token = await manager.getToken('apiture')
    expect(token.claims).toMatchObject({ client_id: 'cc-basic', scope: 'api:read' })
    expect(op.log.grants[0]).toMatchObject({ clientAuthMethod: 'client_secret_basic' })
  })

  it("auth 'post' gets a token", async () => {
    manager.register('apiture', preset('cc-post', 'post'))
    expect((await manager.getToken('apiture')).claims).toMatchObject({ client_id: 'cc-post' })
  })

  it("auth 'private_key_jwt' gets a token with a signed assertion and no secret", async () => {
    manager.register(
      'apiture',
      apiture({
        issuer: op.issuer,
        clientId: 'cc-jwt',
        scopes: ['api:read'],
        auth: 'private_key_jwt',
        privateKey: assertionKey.privateKey,
        kid: 'k1',
      }),
    )
    expect((await manager.getToken('apiture')).claims).toMatchObject({ client_id: 'cc-jwt' })
    expect(op.log.grants[0]).toMatchObject({
      clientAuthMethod: 'private_key_jwt',
      error: undefined,
    })
  })

  it("the doc's default 'basic_and_post' is refused: TokenRequestRejectedError invalid_request", async () => {
    manager.register('apiture', preset('cc-basic'))
    await expect(manager.getToken('apiture')).rejects.toMatchObject({
      constructor: TokenRequestRejectedError,
      oauthError: 'invalid_request',
    })
  })
})

describe('client_credentials against oauth2-mock-server', () => {
  const cases: Array<[ClientAuthMethod, Endpoint]> = endpoints.flatMap((endpoint) =>
    (['basic', 'post', 'json', 'basic_and_post'] as const).map(
      (auth) => [auth, endpoint] as [ClientAuthMethod, Endpoint],
    ),
  )
  it.each(cases)("auth '%s' with %s", async (auth, endpoint) => {
    manager.register(
      'mock',
      clientCredentials({
        ...(endpoint === 'discovery' ? { issuer: mock.issuer } : { tokenUrl: mock.tokenUrl }),
        clientId: 'mock-client',
        clientSecret: SECRET,
        auth,
        scope: ['read', 'write'],
      }),
    )
    const token = await manager.getToken('mock')
    expect(token.claims).toMatchObject({ iss: mock.issuer, scope: 'read write' })
    expect(mock.requests).toHaveLength(1)
    const [request] = mock.requests
    const sentBasic = request?.authorization?.startsWith('Basic ') ?? false
    const sentInBody = request?.body.client_secret === SECRET
    expect(sentBasic).toBe(auth === 'basic' || auth === 'basic_and_post')
    expect(sentInBody).toBe(auth !== 'basic')
    expect(request?.contentType).toBe(
      auth === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
    )
  })

  it('a wrong secret is refused: TokenRequestRejectedError invalid_client', async () => {
    manager.register(
      'mock',
      clientCredentials({ tokenUrl: mock.tokenUrl, clientId: 'mock-client', clientSecret: 'nope' }),
    )
    await expect(manager.getToken('mock')).rejects.toMatchObject({
      constructor: TokenRequestRejectedError,
      oauthError: 'invalid_client',
    })
  })
})
