import { inspect } from 'node:util'
import { ConfigurationError, TokenManager, type TokenSource } from '@vendor-token/core'
import { afterEach, describe, expect, it } from 'vitest'
import { apiture, bridgeft, modelPortfolios, wealthcom } from '../src/index.js'

const SECRET = 's3cr3t-never-printed'
let manager: TokenManager

afterEach(async () => {
  await manager?.close()
})

/** Registers `source` on a fresh manager and returns the ConfigurationError it throws. */
function registerError(source: () => TokenSource, allowInsecureHttp = false): ConfigurationError {
  manager = new TokenManager({ allowInsecureHttp })
  try {
    manager.register('vendor-x', source())
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError)
    const typed = error as ConfigurationError
    expect(typed.vendor).toBe('vendor-x')
    expect(typed.message).not.toContain(SECRET)
    expect(JSON.stringify(typed)).not.toContain(SECRET)
    return typed
  }
  throw new Error('register did not throw')
}

const base = 'https://vendor.example'

describe('preset configuration is checked at register, before any request', () => {
  it.each([
    ['bridgeft', () => bridgeft({ clientId: '', clientSecret: SECRET })],
    [
      'modelPortfolios',
      () => modelPortfolios({ clientId: '', clientSecret: SECRET, baseUrl: base }),
    ],
    ['apiture', () => apiture({ clientId: '', clientSecret: SECRET, scopes: ['banking/read'] })],
  ])('%s: a missing clientId names the option', (_name, source) => {
    expect(registerError(source).message).toMatch(/clientId/)
  })

  it.each([
    ['bridgeft', () => bridgeft({ clientId: 'id', clientSecret: undefined as unknown as string })],
    ['modelPortfolios', () => modelPortfolios({ clientId: 'id', clientSecret: '', baseUrl: base })],
    ['apiture', () => apiture({ clientId: 'id', clientSecret: ' ', scopes: ['banking/read'] })],
  ])('%s: a missing clientSecret names the option', (_name, source) => {
    expect(registerError(source).message).toMatch(/clientSecret/)
  })

  it.each([
    ['not a URL', 'vendor dot example', /baseUrl is not an absolute URL/],
    ['not http(s)', 'ftp://vendor.example', /baseUrl must be an http\(s\) URL/],
    ['with a query', 'https://vendor.example/?a=1', /baseUrl must not carry/],
    ['plain http to a remote host', 'http://vendor.example', /baseUrl must use https/],
  ])('a baseUrl %s is refused', (_case, baseUrl, message) => {
    expect(
      registerError(() => bridgeft({ clientId: 'id', clientSecret: SECRET, baseUrl })).message,
    ).toMatch(message)
    expect(
      registerError(() => modelPortfolios({ clientId: 'id', clientSecret: SECRET, baseUrl }))
        .message,
    ).toMatch(message)
  })

  it('plain http is accepted for loopback, and for remote hosts only with allowInsecureHttp', () => {
    manager = new TokenManager()
    manager.register(
      'a',
      bridgeft({ clientId: 'id', clientSecret: SECRET, baseUrl: 'http://127.0.0.1:1' }),
    )
    const insecure = new TokenManager({ allowInsecureHttp: true })
    insecure.register(
      'b',
      bridgeft({ clientId: 'id', clientSecret: SECRET, baseUrl: 'http://vendor.example' }),
    )
    expect(insecure.sources.has('b')).toBe(true)
    return insecure.close()
  })

  it('modelPortfolios needs a baseUrl (the doc gives no default) and a version-like apiVersion', () => {
    expect(
      registerError(() =>
        modelPortfolios({
          clientId: 'id',
          clientSecret: SECRET,
          baseUrl: undefined as unknown as string,
        }),
      ).message,
    ).toMatch(/baseUrl is required/)
    expect(
      registerError(() =>
        modelPortfolios({
          clientId: 'id',
          clientSecret: SECRET,
          baseUrl: base,
          apiVersion: '1.0.0\r\nX: y',
        }),
      ).message,
    ).toMatch(/apiVersion/)
  })

  it('apiture needs a non-empty list of valid scopes and an https issuer', () => {
    const options = { clientId: 'id', clientSecret: SECRET }
    expect(registerError(() => apiture({ ...options, scopes: [] })).message).toMatch(
      /non-empty list/,
    )
    expect(
      registerError(() => apiture({ ...options, scopes: undefined as unknown as string[] }))
        .message,
    ).toMatch(/non-empty list/)
    expect(
      registerError(() => apiture({ ...options, scopes: ['banking/read banking/write'] })).message,
    ).toMatch(/without spaces/)
    expect(
      registerError(() =>
        apiture({ ...options, scopes: ['banking/read'], issuer: 'http://auth.example/oidc' }),
      ).message,
    ).toMatch(/issuer must use https/)
  })

  it('wealthcom.basic needs a username without ":" or control characters, and a password', () => {
    expect(
      registerError(() => wealthcom.basic({ username: '', password: SECRET })).message,
    ).toMatch(/username/)
    expect(registerError(() => wealthcom.basic({ username: 'ann', password: '' })).message).toMatch(
      /password/,
    )
    expect(
      registerError(() => wealthcom.basic({ username: 'a:b', password: SECRET })).message,
    ).toMatch(/must not contain ":"/)
    expect(
      registerError(() => wealthcom.basic({ username: 'ann', password: `${SECRET}\n` })).message,
    ).toMatch(/control characters/)
  })

  it('the defaults are the vendors\u2019 production endpoints; serialising a preset shows no secret', () => {
    const sources = {
      bridgeft: bridgeft({ clientId: 'id', clientSecret: SECRET }),
      apiture: apiture({ clientId: 'id', clientSecret: SECRET, scopes: ['banking/read'] }),
      wealthcom: wealthcom.basic({ username: 'ann', password: SECRET }),
    }
    manager = new TokenManager()
    for (const [name, source] of Object.entries(sources)) manager.register(name, source)
    expect(JSON.parse(JSON.stringify(sources.bridgeft))).toMatchObject({
      preset: 'bridgeft',
      tokenUrl: 'https://api.bridgeft.com/v2/oauth2/token',
      auth: 'basic',
    })
    expect(JSON.parse(JSON.stringify(sources.apiture))).toMatchObject({
      preset: 'apiture',
      issuer: 'https://auth.apiture.com/oidc',
      auth: 'basic_and_post',
    })
    for (const source of Object.values(sources)) {
      expect(JSON.stringify(source)).not.toContain(SECRET)
      expect(inspect(source, { depth: 10 })).not.toContain(SECRET)
    }
  })
})
