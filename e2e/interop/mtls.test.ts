import { createHash, createPublicKey, X509Certificate } from 'node:crypto'
import { get } from 'node:https'
import { clientCredentials, TokenManager, TokenRequestRejectedError } from '@vendor-token/core'
import type { JSONWebKeySet } from 'jose'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestPki, type TestPki } from './resource/certificates.js'
import { startProtectedResource } from './resource/protected-resource.js'
import { type OidcProviderServer, startOidcProvider } from './support/index.js'

let pki: TestPki
let op: OidcProviderServer
let resource: Awaited<ReturnType<typeof startProtectedResource>>
const thumbprint = (pem: string) =>
  createHash('sha256').update(new X509Certificate(pem).raw).digest('base64url')

/** The provider's JWKS over HTTPS with the test CA (global fetch does not know it). */
function readJwks(url: string, ca: string): Promise<JSONWebKeySet> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())))
    }).on('error', reject)
  })
}

beforeAll(async () => {
  pki = createTestPki('mtls-client')
  const self = new X509Certificate(pki.selfSigned.cert)
  op = await startOidcProvider({
    tls: { ...pki.server, ca: pki.ca.cert },
    clients: [
      {
        client_id: 'pki-client',
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: 'CN=mtls-client',
        tls_client_certificate_bound_access_tokens: true,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'self-client',
        token_endpoint_auth_method: 'self_signed_tls_client_auth',
        jwks: {
          keys: [
            {
              ...createPublicKey(pki.selfSigned.key).export({ format: 'jwk' }),
              x5c: [self.raw.toString('base64')],
            },
          ],
        },
        tls_client_certificate_bound_access_tokens: true,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
    ],
  })
  resource = await startProtectedResource({
    issuer: op.issuer,
    jwks: await readJwks(op.jwksUrl, pki.ca.cert),
    audience: op.resource,
    tls: pki.server,
  })
})
afterAll(async () => {
  await resource?.close()
  await op?.close()
})

describe('mutual TLS against stock oidc-provider (RFC 8705)', () => {
  let manager: TokenManager
  beforeEach(() => {
    op.log.clear()
    manager = new TokenManager({ retry: { retries: 0 } })
  })
  afterEach(() => manager.close())

  it('tls_client_auth: a CA-issued certificate authenticates and binds the token', async () => {
    manager.register(
      'op',
      clientCredentials({
        tokenUrl: op.tokenUrl,
        clientId: 'pki-client',
        auth: 'tls_client_auth',
        tls: { ...pki.client, ca: pki.ca.cert },
        scope: 'api:read',
      }),
    )
    const token = await manager.getToken('op')
    expect(token.claims).toMatchObject({ cnf: { 'x5t#S256': thumbprint(pki.client.cert) } })
    expect(op.log.ofGrant('client_credentials')).toMatchObject([
      { clientId: 'pki-client', clientAuthMethod: 'tls_client_auth', error: undefined },
    ])
  })

  it('self_signed_tls_client_auth: a registered self-signed certificate authenticates', async () => {
    manager.register(
      'op',
      clientCredentials({
        tokenUrl: op.tokenUrl,
        clientId: 'self-client',
        auth: 'self_signed_tls_client_auth',
        tls: { ...pki.selfSigned, ca: pki.ca.cert },
        scope: 'api:read',
      }),
    )
    const token = await manager.getToken('op')
    expect(token.claims).toMatchObject({ cnf: { 'x5t#S256': thumbprint(pki.selfSigned.cert) } })
  })

  it('a certificate the client did not register is refused with invalid_client', async () => {
    manager.register(
      'op',
      clientCredentials({
        tokenUrl: op.tokenUrl,
        clientId: 'self-client',
        auth: 'self_signed_tls_client_auth',
        tls: { ...pki.client, ca: pki.ca.cert },
        scope: 'api:read',
      }),
    )
    const error = await manager.getToken('op').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TokenRequestRejectedError)
    expect(error).toMatchObject({ oauthError: 'invalid_client' })
  })

  it('manager.fetch presents the certificate: the bound token is accepted by the resource server', async () => {
    manager.register(
      'op',
      clientCredentials({
        tokenUrl: op.tokenUrl,
        clientId: 'pki-client',
        auth: 'tls_client_auth',
        tls: { ...pki.client, ca: pki.ca.cert },
        scope: 'api:read',
      }),
    )
    const before = resource.decisions.length
    const response = await manager.fetch('op', `${resource.url}/accounts`)
    expect(response.status).toBe(200)
    expect(resource.decisions.slice(before)).toEqual([{ status: 200, reason: 'ok' }])
  })

  it('the resource server refuses the bound token without the certificate, or with another one', async () => {
    manager.register(
      'op',
      clientCredentials({
        tokenUrl: op.tokenUrl,
        clientId: 'pki-client',
        auth: 'tls_client_auth',
        tls: { ...pki.client, ca: pki.ca.cert },
        scope: 'api:read',
      }),
    )
    const { authorization } = await manager.getToken('op')
    const call = (certificate?: { cert: string; key: string }) =>
      new Promise<number>((resolve, reject) => {
        get(
          `${resource.url}/accounts`,
          { ca: pki.ca.cert, headers: { authorization }, ...certificate },
          (response) => {
            response.resume()
            resolve(response.statusCode ?? 0)
          },
        ).on('error', reject)
      })
    expect(await call()).toBe(401)
    expect(await call(pki.selfSigned)).toBe(401)
    expect(resource.decisions.slice(-2).map((decision) => decision.reason)).toEqual([
      'no client certificate',
      'the client certificate is not the one the token is bound to',
    ])
  })
})
