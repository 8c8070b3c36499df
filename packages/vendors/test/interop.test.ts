import {
  type ClientCredentialsOptions,
  clientCredentials,
  TokenManager,
  TokenRequestRejectedError,
} from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import {
  type MutableResponse,
  OAuth2Server,
  type TokenRequestIncomingMessage,
} from 'oauth2-mock-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { apiture } from '../src/index.js'

// Interop with servers we did not write: oauth2-mock-server (axa-group) and oidc-provider (panva,
// OpenID certified) behind the emulator's Apiture.
const CLIENT_ID = 'interop-client'
const CLIENT_SECRET = 'interop-secret'
let mock: OAuth2Server
let manager: TokenManager
const seen: {
  contentType: string | undefined
  authorization: string | undefined
  body: unknown
}[] = []

/** oauth2-mock-server does not check client credentials: this hook makes it answer as a real server would. */
function checkClient(response: MutableResponse, req: TokenRequestIncomingMessage) {
  const body = req.body as unknown as Record<string, unknown>
  seen.push({
    contentType: req.headers['content-type'],
    authorization: req.headers.authorization,
    body,
  })
  if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) {
    response.statusCode = 401
    response.body = { error: 'invalid_client' }
  }
}

beforeAll(async () => {
  mock = new OAuth2Server()
  await mock.issuer.keys.generate('RS256')
  await mock.start(0, '127.0.0.1')
  mock.service.on('beforeResponse', checkClient)
})
afterAll(() => mock.stop())

beforeEach(() => {
  seen.length = 0
  manager = new TokenManager({ retry: { retries: 0 } })
})
afterEach(() => manager.close())

function register(options: Partial<ClientCredentialsOptions>) {
  manager.register(
    'mock',
    clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options }),
  )
}

describe('generic clientCredentials against oauth2-mock-server', () => {
  it("auth 'post': client_id and client_secret in the form body, no Basic header", async () => {
    register({ tokenUrl: `${mock.issuer.url}/token`, auth: 'post', scope: ['read', 'write'] })
    const token = await manager.getToken('mock')
    expect(seen).toHaveLength(1)
    expect(seen[0]!.contentType).toBe('application/x-www-form-urlencoded')
    expect(seen[0]!.authorization).toBeUndefined()
    expect(seen[0]!.body).toMatchObject({ grant_type: 'client_credentials', scope: 'read write' })
    expect(token.scope).toBe('read write')
    expect(token.claims).toMatchObject({ iss: mock.issuer.url, scope: 'read write' })
  })

  it("auth 'post' with the token endpoint found by discovery", async () => {
    register({ issuer: mock.issuer.url!, auth: 'post' })
    const token = await manager.getToken('mock')
    expect(token.claims?.iss).toBe(mock.issuer.url)
  })

  it("auth 'json': everything in a JSON body (the server parses application/json)", async () => {
    register({ tokenUrl: `${mock.issuer.url}/token`, auth: 'json' })
    const token = await manager.getToken('mock')
    expect(seen[0]!.contentType).toBe('application/json')
    expect(seen[0]!.body).toStrictEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    })
    expect(token.tokenType).toBe('Bearer')
  })

  it('a refused client is a TokenRequestRejectedError with the OAuth error', async () => {
    manager.register(
      'mock',
      clientCredentials({
        tokenUrl: `${mock.issuer.url}/token`,
        auth: 'post',
        clientId: CLIENT_ID,
        clientSecret: 'wrong',
      }),
    )
    await expect(manager.getToken('mock')).rejects.toMatchObject({
      constructor: TokenRequestRejectedError,
      vendor: 'mock',
      oauthError: 'invalid_client',
    })
  })
})

describe('against oidc-provider (the emulator\u2019s Apiture)', () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await startEmulator()
  })
  afterAll(() => emulator.close())

  it('the apiture preset (Basic AND form credentials, discovery) gets a working token', async () => {
    manager.register('apiture', apiture(emulator.vendors.apiture))
    const response = await manager.fetch(
      'apiture',
      `${emulator.vendors.apiture.baseUrl}/banking/accounts`,
    )
    expect(response.status).toBe(200)
  })

  it.each(['basic', 'post'] as const)(
    "generic clientCredentials with auth '%s' and discovery",
    async (auth) => {
      const { issuer, clientId, clientSecret, scopes } = emulator.vendors.apiture
      manager.register(
        'apiture',
        clientCredentials({ issuer, clientId, clientSecret, auth, scope: scopes }),
      )
      const response = await manager.fetch(
        'apiture',
        `${emulator.vendors.apiture.baseUrl}/banking/accounts`,
      )
      expect(response.status).toBe(200)
    },
  )
})
