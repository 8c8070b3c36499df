import { generateKeyPairSync } from 'node:crypto'
import { ConfigurationError, TokenManager } from '@vendor-token/core'
import { basicCredentials, decodeJwtPayload } from '@vendor-token/core/adapter'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ApitureOptions, apiture } from '../src/index.js'
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js'

// The preset's `auth` choices on the wire, as a server written from the doc sees them.
let server: CaptureServer
let manager: TokenManager
let issuer: string

beforeEach(async () => {
  server = await startCaptureServer()
  issuer = `${server.url}/oidc`
  server.answer((request) =>
    request.method === 'GET'
      ? { body: { issuer, token_endpoint: `${server.url}/token` } }
      : { body: { access_token: 'opaque', token_type: 'Bearer', expires_in: 3600 } },
  )
  manager = new TokenManager({ retry: { retries: 0 } })
})
afterEach(async () => {
  await manager.close()
  await server.close()
})

const base = () => ({ clientId: 'app-id', issuer, scopes: ['banking/read'] })

async function tokenRequest(options: ApitureOptions) {
  manager.register('apiture', apiture(options))
  await manager.getToken('apiture')
  const request = server.requests.find((r) => r.method === 'POST')!
  return { request, form: Object.fromEntries(new URLSearchParams(request.body)) }
}

describe('apiture auth', () => {
  it("'basic': only the Basic header (RFC 6749 2.3.1), no credentials in the form", async () => {
    const { request, form } = await tokenRequest({
      ...base(),
      clientSecret: 'app-secret',
      auth: 'basic',
    })
    expect(request.headers.authorization).toBe(basicCredentials('app-id', 'app-secret'))
    expect(form).toStrictEqual({ scope: 'banking/read', grant_type: 'client_credentials' })
  })

  it("'post': only client_id and client_secret in the form, no Authorization header", async () => {
    const { request, form } = await tokenRequest({
      ...base(),
      clientSecret: 'app-secret',
      auth: 'post',
    })
    expect(request.headers.authorization).toBeUndefined()
    expect(form).toMatchObject({ client_id: 'app-id', client_secret: 'app-secret' })
  })

  it("'private_key_jwt': a signed assertion for the token endpoint, no secret needed", async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const { request, form } = await tokenRequest({
      ...base(),
      auth: 'private_key_jwt',
      privateKey,
      kid: 'apiture-key-1',
    })
    expect(request.headers.authorization).toBeUndefined()
    expect(form.client_id).toBe('app-id')
    expect(form.client_secret).toBeUndefined()
    expect(form.client_assertion_type).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    )
    expect(
      JSON.parse(Buffer.from(form.client_assertion!.split('.')[0]!, 'base64url').toString()),
    ).toMatchObject({
      alg: 'ES256',
      kid: 'apiture-key-1',
    })
    expect(decodeJwtPayload(form.client_assertion!)).toMatchObject({
      iss: 'app-id',
      sub: 'app-id',
      aud: `${server.url}/token`,
    })
  })

  it("the default ('basic_and_post', the doc's plain Basic) refuses a clientId with ':' at register", () => {
    const register = () =>
      manager.register(
        'apiture',
        apiture({ ...base(), clientId: 'app:id', clientSecret: 'app-secret' }),
      )
    expect(register).toThrow(ConfigurationError)
    expect(register).toThrow(/clientId must not contain ":"/)
    expect(server.requests).toHaveLength(0)
  })

  it("'basic' form-encodes the parts, so a clientId with ':' is fine there", async () => {
    const { request } = await tokenRequest({
      ...base(),
      clientId: 'app:id',
      clientSecret: 'app-secret',
      auth: 'basic',
    })
    expect(request.headers.authorization).toBe(basicCredentials('app:id', 'app-secret'))
  })

  it('refuses an unknown auth and a missing secret at register, naming the option', () => {
    const unknown = { ...base(), clientSecret: 's', auth: 'json' } as unknown as ApitureOptions
    expect(() => manager.register('apiture', apiture(unknown))).toThrow(
      /auth must be one of basic_and_post, basic, post, private_key_jwt/,
    )
    expect(() => manager.register('apiture2', apiture({ ...base(), auth: 'post' }))).toThrow(
      /clientSecret is required/,
    )
    expect(() =>
      manager.register('apiture3', apiture({ ...base(), auth: 'private_key_jwt' })),
    ).toThrow(/privateKey is required/)
  })

  it('shows the chosen auth, never the secret or the key', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const source = apiture({ ...base(), auth: 'private_key_jwt', privateKey })
    const text = JSON.stringify(source)
    expect(JSON.parse(text)).toMatchObject({ preset: 'apiture', auth: 'private_key_jwt' })
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    expect(text).not.toContain(pem.split('\n')[1])
    expect(JSON.stringify(apiture({ ...base(), clientSecret: 'top-secret' }))).not.toContain(
      'top-secret',
    )
  })
})
