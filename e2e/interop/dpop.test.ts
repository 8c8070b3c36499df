import { clientCredentials, TokenManager } from '@vendor-token/core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startProtectedResource } from './resource/protected-resource.js'
import { type OidcProviderServer, startOidcProvider } from './support/index.js'

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
