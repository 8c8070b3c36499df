import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type ClientCredentialsOptions,
  ConfigurationError,
  clientCredentials,
  TokenManager,
  UnknownVendorError,
} from '../src/index.js'
import { startTokenServer, type TokenServer } from './support/token-server.js'

describe('configuration errors at register, before any request', () => {
  let server: TokenServer
  let manager: TokenManager

  beforeEach(async () => {
    server = await startTokenServer()
    manager = new TokenManager()
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  const valid = (): ClientCredentialsOptions => ({
    tokenUrl: server.tokenUrl,
    clientId: 'id',
    clientSecret: 'secret',
  })
  const cases: Array<[string, (o: ClientCredentialsOptions) => ClientCredentialsOptions, RegExp]> =
    [
      [
        'a missing clientId',
        (o) => ({ ...o, clientId: undefined as unknown as string }),
        /clientId/,
      ],
      ['an empty clientId', (o) => ({ ...o, clientId: '' }), /clientId/],
      [
        'a missing clientSecret',
        (o) => ({ ...o, clientSecret: undefined as unknown as string }),
        /clientSecret/,
      ],
      ['neither tokenUrl nor issuer', ({ tokenUrl: _, ...o }) => o, /exactly one/],
      ['both tokenUrl and issuer', (o) => ({ ...o, issuer: server.issuer }), /exactly one/],
      ['a tokenUrl that is not a URL', (o) => ({ ...o, tokenUrl: 'not a url' }), /tokenUrl/],
      [
        'a non-https tokenUrl on another host',
        (o) => ({ ...o, tokenUrl: 'http://auth.example.com/token' }),
        /https/,
      ],
      [
        'a non-https issuer on another host',
        ({ tokenUrl: _, ...o }) => ({ ...o, issuer: 'http://auth.example.com' }),
        /https/,
      ],
      [
        'a tokenUrl with credentials in it',
        (o) => ({ ...o, tokenUrl: 'https://u:p@auth.example.com/token' }),
        /credentials/,
      ],
      ['an unknown auth method', (o) => ({ ...o, auth: 'digest' as 'basic' }), /auth/],
    ]

  for (const [what, change, message] of cases) {
    it(`refuses ${what}`, () => {
      const source = clientCredentials(change(valid()))
      expect(() => manager.register('acme', source)).toThrow(ConfigurationError)
      expect(() => manager.register('acme', source)).toThrow(message)
      expect(manager.sources.has('acme')).toBe(false)
      expect(server.requests).toHaveLength(0)
    })
  }

  it('names the vendor in the error', () => {
    let error: unknown
    try {
      manager.register('acme', clientCredentials({ ...valid(), clientId: '' }))
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'configuration', vendor: 'acme' })
  })

  it('allows http on loopback, and elsewhere only with allowInsecureHttp', async () => {
    expect(() => manager.register('local', clientCredentials(valid()))).not.toThrow()
    const insecure = new TokenManager({ allowInsecureHttp: true })
    expect(() =>
      insecure.register(
        'acme',
        clientCredentials({ ...valid(), tokenUrl: 'http://auth.example.com/token' }),
      ),
    ).not.toThrow()
    await insecure.close()
  })

  it('refuses a duplicate vendor name, a bad vendor name and a source without requestToken', () => {
    manager.register('acme', clientCredentials(valid()))
    expect(() => manager.register('acme', clientCredentials(valid()))).toThrow(ConfigurationError)
    expect(() => manager.register('', clientCredentials(valid()))).toThrow(ConfigurationError)
    expect(() => manager.register('a:b', clientCredentials(valid()))).toThrow(ConfigurationError)
    expect(() => manager.register('x', {} as never)).toThrow(ConfigurationError)
  })

  it('refuses manager options out of range', () => {
    expect(() => new TokenManager({ skewSeconds: -1 })).toThrow(ConfigurationError)
    expect(() => new TokenManager({ refreshAheadRatio: 1.5 })).toThrow(ConfigurationError)
    expect(() => new TokenManager({ timeoutMs: 0 })).toThrow(ConfigurationError)
    expect(() => new TokenManager({ retry: { retries: 1.5 } })).toThrow(ConfigurationError)
  })

  it('rejects getToken for an unknown vendor with a typed error', async () => {
    await expect(manager.getToken('nobody')).rejects.toBeInstanceOf(UnknownVendorError)
  })
})
