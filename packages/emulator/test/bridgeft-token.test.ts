import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { formBasic, postForm, rawBasic } from './support.js'

let emulator: Emulator
let tokenUrl: string
let auth: string

beforeAll(async () => {
  emulator = await startEmulator()
  const { clientId, clientSecret } = emulator.vendors.bridgeft
  tokenUrl = emulator.vendors.bridgeft.tokenUrl
  auth = formBasic(clientId, clientSecret)
})
afterAll(() => emulator.close())

describe('BridgeFT token endpoint', () => {
  it('answers the documented PascalCase body with an RS256 JWT carrying the documented claims', async () => {
    const res = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: auth },
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['AccessToken', 'ExpiresIn', 'TokenType'])
    expect(body.TokenType).toBe('Bearer')
    expect(body.ExpiresIn).toBe(3600)
    const token = body.AccessToken as string
    const header = decodeProtectedHeader(token)
    expect(header.alg).toBe('RS256')
    expect(header.kid).toEqual(expect.any(String))
    const jwks = createRemoteJWKSet(new URL(emulator.vendors.bridgeft.jwksUri))
    const { payload } = await jwtVerify(token, jwks, {
      issuer: 'api.bridgeft.com/v2/oauth2/token',
      audience: 'bridgeft/api',
    })
    const { clientId } = emulator.vendors.bridgeft
    expect(payload.aud).toEqual(['bridgeft/api'])
    expect(payload.sub).toBe(clientId)
    expect(payload.exp! - payload.iat!).toBe(3600)
    expect(payload.app).toEqual({
      application_id: 1,
      application_name: expect.any(String),
      client_id: clientId,
      firm_ids: null,
      organization_id: 1,
    })
  })

  it('scopes the token to firm_ids given as "39, 792" (spaces allowed)', async () => {
    const res = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials', firm_ids: '39, 792' },
      { authorization: auth },
    )
    expect(res.status).toBe(200)
    const { AccessToken } = (await res.json()) as { AccessToken: string }
    const payload = JSON.parse(Buffer.from(AccessToken.split('.')[1]!, 'base64url').toString())
    expect(payload.app.firm_ids).toEqual([39, 792])
  })

  it.each([
    ['no Authorization header', () => undefined],
    ['a wrong secret', (id: string) => formBasic(id, 'not-the-secret')],
    [
      'Basic without RFC 6749 form-encoding of the secret',
      (id: string, secret: string) => rawBasic(id, secret),
    ],
    ['a Bearer scheme', () => 'Bearer abc'],
  ])(
    'refuses %s with 401 invalid_client',
    async (_name, header: (id: string, secret: string) => string | undefined) => {
      const { clientId, clientSecret } = emulator.vendors.bridgeft
      const authorization = header(clientId, clientSecret)
      const res = await postForm(
        tokenUrl,
        { grant_type: 'client_credentials' },
        authorization ? { authorization } : {},
      )
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic /)
      expect(await res.json()).toMatchObject({ error: 'invalid_client' })
    },
  )

  it('refuses credentials sent only in the form body (BridgeFT requires Basic)', async () => {
    const { clientId, clientSecret } = emulator.vendors.bridgeft
    const res = await postForm(tokenUrl, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('refuses a JSON body with 400 invalid_request', async () => {
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_request' })
  })

  it.each([
    [{ grant_type: 'password' }, 'unsupported_grant_type'],
    [{}, 'invalid_request'],
    [{ grant_type: 'client_credentials', firm_ids: '39,x' }, 'invalid_request'],
    [{ grant_type: 'client_credentials', firm_ids: '' }, 'invalid_request'],
    [{ grant_type: 'client_credentials', firm_ids: '-4' }, 'invalid_request'],
  ])('refuses the form %o with 400 %s', async (fields, error) => {
    const res = await postForm(tokenUrl, fields, { authorization: auth })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error })
  })

  it('refuses a second client authentication in the form next to Basic', async () => {
    const { clientId, clientSecret } = emulator.vendors.bridgeft
    const res = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
      { authorization: auth },
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_request' })
  })
})
