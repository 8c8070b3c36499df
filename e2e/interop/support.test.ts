import { createHash, randomBytes } from 'node:crypto'
import { clientCredentials, TokenManager } from '@vendor-token/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  completeProviderLogin,
  type OidcProviderServer,
  startMockServer,
  startOidcProvider,
} from './support/index.js'

let op: OidcProviderServer
beforeAll(async () => {
  op = await startOidcProvider({
    clients: [
      {
        client_id: 'machine',
        client_secret: 'machine-secret',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'web',
        client_secret: 'web-secret',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://127.0.0.1:9/callback'],
      },
    ],
  })
})
afterAll(() => op.close())

describe('interop support', () => {
  it('startOidcProvider issues an RFC 9068 JWT access token for client_credentials', async () => {
    const manager = new TokenManager({ allowInsecureHttp: true, retry: { retries: 0 } })
    manager.register(
      'op',
      clientCredentials({
        issuer: op.issuer,
        clientId: 'machine',
        clientSecret: 'machine-secret',
        scope: 'api:read',
      }),
    )
    const token = await manager.getToken('op')
    const header = JSON.parse(Buffer.from(token.accessToken.split('.')[0]!, 'base64url').toString())
    expect(header.typ).toBe('at+jwt')
    expect(token.claims).toMatchObject({ aud: op.resource, client_id: 'machine' })
    expect(op.log.ofGrant('client_credentials')).toMatchObject([
      { clientId: 'machine', clientAuthMethod: 'client_secret_basic', error: undefined },
    ])
    await manager.close()
  })

  it('completeProviderLogin signs in through the development interactions', async () => {
    const verifier = randomBytes(32).toString('base64url')
    const authorize = new URL(`${op.issuer}/auth`)
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: 'web',
      redirect_uri: 'http://127.0.0.1:9/callback',
      scope: 'openid offline_access api:read',
      prompt: 'consent',
      state: 'xyz',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString()
    const callback = new URL(await completeProviderLogin(authorize))
    expect(callback.searchParams.get('state')).toBe('xyz')
    expect(callback.searchParams.get('code')).toBeTruthy()
  })

  it('startMockServer refuses a wrong client and records the request', async () => {
    const mock = await startMockServer({ client: { id: 'c', secret: 's' } })
    try {
      const answer = await fetch(mock.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'c',
          client_secret: 'x',
        }),
      })
      expect(answer.status).toBe(401)
      expect(mock.requests).toHaveLength(1)
    } finally {
      await mock.close()
    }
  })
})
