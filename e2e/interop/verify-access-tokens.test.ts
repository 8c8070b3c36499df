import { clientCredentials, type StoredToken, TokenManager } from '@vendor-token/core'
import { decodeJwtPayload } from '@vendor-token/core/adapter'
import { wealthcom } from '@vendor-token/vendors'
import { createVerifier, type Verifier, VerifyError } from '@vendor-token/verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type OidcProviderServer,
  signInThroughProvider,
  startOidcProvider,
} from './support/index.js'

// @vendor-token/verify on the JWT access tokens stock oidc-provider issues for a resource server
// (RFC 9068: `typ: at+jwt`, `aud` the resource indicator), fetched through the manager.
const SECRET = 'verify-secret-1'
const REDIRECT_URI = 'http://127.0.0.1:9/auth/callback'
let op: OidcProviderServer
let manager: TokenManager
let verifier: Verifier
const issued: StoredToken[] = []

function header(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8'))
}

beforeAll(async () => {
  op = await startOidcProvider({
    clients: [
      {
        client_id: 'machine',
        client_secret: SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'web',
        client_secret: SECRET,
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: [REDIRECT_URI],
      },
    ],
  })
  manager = new TokenManager({ retry: { retries: 0 } })
  manager.register(
    'machine',
    clientCredentials({
      issuer: op.issuer,
      clientId: 'machine',
      clientSecret: SECRET,
      scope: 'api:read',
    }),
  )
  manager.register(
    'wealthcomUser',
    wealthcom.user({
      issuer: op.issuer,
      clientId: 'web',
      clientSecret: SECRET,
      redirectUri: REDIRECT_URI,
      scopes: ['openid', 'offline_access', 'api:read'],
      extraAuthorizeParams: { prompt: 'consent' },
      onTokens: (_user, tokens) => void issued.push(tokens),
    }),
  )
  verifier = createVerifier({
    jwksUri: op.jwksUrl,
    issuer: op.issuer,
    audience: op.resource,
    algorithms: ['RS256'],
    threads: 1,
  })
})
afterAll(async () => {
  await verifier.close()
  await manager.close()
  await op.close()
})

describe('verify on RFC 9068 access tokens from stock oidc-provider', () => {
  it('a client_credentials token: typ at+jwt, verified with its client_id and scope', async () => {
    const token = await manager.getToken('machine')
    expect(header(token.accessToken)).toMatchObject({ typ: 'at+jwt', alg: 'RS256' })
    const { payload } = await verifier.verify(token.accessToken)
    expect(payload).toMatchObject({
      iss: op.issuer,
      aud: op.resource,
      client_id: 'machine',
      sub: 'machine',
      scope: 'api:read',
    })
  })

  it("a signed-in advisor's token: verified with the advisor as sub", async () => {
    const token = await signInThroughProvider(manager, 'wealthcomUser', 'advisor-7')
    expect(header(token.accessToken).typ).toBe('at+jwt')
    const { payload } = await verifier.verify(token.accessToken)
    expect(payload).toMatchObject({ sub: 'advisor-7', client_id: 'web', aud: op.resource })
  })

  it('the ID token of the same sign-in is refused where an access token is required', async () => {
    const idToken = issued.at(-1)?.idToken
    expect(idToken).toEqual(expect.any(String))
    expect(decodeJwtPayload(idToken!)).toMatchObject({ aud: 'web' })
    const error = await verifier.verify(idToken!).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VerifyError)
    expect((error as VerifyError).code).toBe('id_token_rejected')
  })

  it('a token for another audience is refused', async () => {
    const other = createVerifier({
      jwksUri: op.jwksUrl,
      issuer: op.issuer,
      audience: 'https://other-api.interop.test',
      threads: 1,
    })
    try {
      const token = await manager.getToken('machine')
      await expect(other.verify(token.accessToken)).rejects.toMatchObject({
        code: 'wrong_audience',
      })
    } finally {
      await other.close()
    }
  })
})
