import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type ClientCredentialsOptions,
  ConfigurationError,
  clientCredentials,
  ManualClock,
  TokenManager,
} from '../src/index.js'
import { recordingLogger } from './support/helpers.js'
import { verifyJws } from './support/jws.js'
import { startTokenServer, type TokenServer } from './support/token-server.js'

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const ed = generateKeyPairSync('ed25519')
const RSA_PEM = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()

describe("auth: 'private_key_jwt'", () => {
  let server: TokenServer
  let clock: ManualClock
  let manager: TokenManager
  const options = (extra: Partial<ClientCredentialsOptions>): ClientCredentialsOptions => ({
    tokenUrl: server.tokenUrl,
    clientId: 'client-1',
    auth: 'private_key_jwt',
    privateKey: RSA_PEM,
    ...extra,
  })
  const assertionOf = (index: number, key: KeyObject) =>
    verifyJws(server.requests[index]!.form.get('client_assertion')!, key)

  beforeEach(async () => {
    server = await startTokenServer()
    clock = new ManualClock(1_800_000_000_000)
    manager = new TokenManager({ clock })
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  it('sends a signed assertion instead of a secret (RFC 7523 2.2)', async () => {
    manager.register('acme', clientCredentials(options({ kid: 'k1' })))
    await manager.getToken('acme')
    const [request] = server.requests
    expect(request!.headers.authorization).toBeUndefined()
    expect(request!.form.get('client_secret')).toBeNull()
    expect(request!.form.get('client_id')).toBe('client-1')
    expect(request!.form.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    )
    const { header, payload } = assertionOf(0, rsa.publicKey)
    expect(header).toEqual({ typ: 'JWT', kid: 'k1', alg: 'RS256' })
    expect(payload).toMatchObject({
      iss: 'client-1',
      sub: 'client-1',
      aud: server.tokenUrl,
      iat: 1_800_000_000,
      exp: 1_800_000_060,
    })
  })

  it('signs a fresh assertion (new jti, new iat) for every request', async () => {
    manager.register('acme', clientCredentials(options({})))
    await manager.getToken('acme')
    clock.advance(5_000)
    await manager.invalidate('acme')
    await manager.getToken('acme')
    const first = assertionOf(0, rsa.publicKey).payload
    const second = assertionOf(1, rsa.publicKey).payload
    expect(second.jti).not.toBe(first.jti)
    expect(second.iat).toBe(1_800_000_005)
  })

  it.each([
    ['an EC P-256 KeyObject', ec.privateKey, ec.publicKey, 'ES256'],
    ['an Ed25519 JWK', ed.privateKey.export({ format: 'jwk' }), ed.publicKey, 'EdDSA'],
    ['an RSA CryptoKey', undefined, rsa.publicKey, 'RS256'],
  ] as const)('takes %s and picks its algorithm', async (_name, key, publicKey, alg) => {
    const privateKey =
      key ??
      (await crypto.subtle.importKey(
        'pkcs8',
        rsa.privateKey.export({ format: 'der', type: 'pkcs8' }),
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['sign'],
      ))
    manager.register('acme', clientCredentials(options({ privateKey })))
    await manager.getToken('acme')
    expect(assertionOf(0, publicKey).header.alg).toBe(alg)
  })

  it('takes an explicit alg that fits the key (PS256 for RSA)', async () => {
    manager.register('acme', clientCredentials(options({ alg: 'PS256' })))
    await manager.getToken('acme')
    expect(assertionOf(0, rsa.publicKey).header.alg).toBe('PS256')
  })

  it("aims the assertion at the issuer with assertionAudience: 'issuer'", async () => {
    const { tokenUrl: _, ...rest } = options({ assertionAudience: 'issuer' })
    manager.register('acme', clientCredentials({ ...rest, issuer: server.issuer }))
    await manager.getToken('acme')
    expect(assertionOf(0, rsa.publicKey).payload.aud).toBe(server.issuer)
  })

  it.each([
    ['no privateKey', { privateKey: undefined }, /privateKey is required/],
    ['a public key', { privateKey: rsa.publicKey }, /privateKey must be a private key/],
    ['garbage', { privateKey: 'not a key' }, /privateKey is not a readable private key/],
    ['an alg the key cannot do', { alg: 'ES256' }, /alg for this privateKey must be one of RS256/],
    ['issuer audience without issuer', { assertionAudience: 'issuer' }, /needs the issuer/],
  ] as const)('refuses %s at register, naming the option', (_name, extra, message) => {
    const source = clientCredentials(options(extra as Partial<ClientCredentialsOptions>))
    let error: ConfigurationError | undefined
    try {
      manager.register('acme', source)
    } catch (caught) {
      error = caught as ConfigurationError
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error!.message).toMatch(message)
    expect(server.requests).toHaveLength(0)
  })

  it('needs no clientSecret, and never shows the key', async () => {
    const source = clientCredentials(options({ kid: 'k1' }))
    manager.register('acme', source)
    const token = await manager.getToken('acme')
    const views = [JSON.stringify(source), inspect(source, { depth: 10 }), JSON.stringify(token)]
    const assertion = server.requests[0]!.form.get('client_assertion')!
    const jwk = rsa.privateKey.export({ format: 'jwk' })
    for (const view of views) {
      expect(view).not.toContain(RSA_PEM.split('\n')[1]!)
      expect(view).not.toContain(jwk.d!)
      expect(view).not.toContain(assertion.split('.')[2]!)
    }
    expect(JSON.parse(JSON.stringify(source))).toMatchObject({
      auth: 'private_key_jwt',
      alg: 'RS256',
      kid: 'k1',
    })
  })

  it('keeps the assertion out of errors and logs, even when the server echoes it', async () => {
    const logger = recordingLogger()
    const logged = new TokenManager({ clock, logger, retry: { retries: 0 } })
    server.script((request) => ({
      status: 401,
      json: { error: 'invalid_client', error_description: request.form.get('client_assertion') },
    }))
    try {
      logged.register('acme', clientCredentials(options({})))
      const error = await logged.getToken('acme').catch((caught: unknown) => caught)
      const assertion = server.requests[0]!.form.get('client_assertion')!
      const views = [
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
        String(error),
        JSON.stringify(logger.lines),
        JSON.stringify(logged.status()),
      ].join('\n')
      expect(error).toMatchObject({ code: 'token_rejected', oauthError: 'invalid_client' })
      expect(views).not.toContain(assertion.split('.')[2]!)
      expect(views).not.toContain(assertion.split('.')[1]!)
    } finally {
      await logged.close()
    }
  })
})

describe('client authentication options', () => {
  const register = (options: Partial<ClientCredentialsOptions>) => () =>
    new TokenManager().register(
      'acme',
      clientCredentials({ tokenUrl: 'https://auth.example/token', clientId: 'c', ...options }),
    )

  it.each([
    ['a secret method without clientSecret', { auth: 'post' }, /clientSecret is required/],
    [
      'tls_client_auth without tls',
      { auth: 'tls_client_auth' },
      /tls: \{ cert, key \} is required/,
    ],
    [
      'a tls certificate that is not PEM',
      { auth: 'self_signed_tls_client_auth', tls: { cert: 42, key: 'k' } },
      /tls.cert and tls.key must be PEM/,
    ],
    ['an unknown method', { auth: 'client_secret_jwt' }, /auth must be one of basic, post/],
    [
      'a dpop key that is not a key',
      { clientSecret: 's', dpop: { privateKey: 'x' } },
      /dpop.privateKey/,
    ],
  ] as const)('refuses %s', (_name, options, message) => {
    expect(register(options as Partial<ClientCredentialsOptions>)).toThrow(ConfigurationError)
    expect(register(options as Partial<ClientCredentialsOptions>)).toThrow(message)
  })

  it('needs no clientSecret with a TLS method', () => {
    expect(register({ auth: 'tls_client_auth', tls: { cert: 'PEM', key: 'PEM' } })).not.toThrow()
  })
})
