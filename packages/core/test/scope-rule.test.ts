import { describe, expect, it } from 'vitest'
import { cacheKey, checkScopes } from '../src/adapter/index.js'
import {
  authorizationCode,
  ConfigurationError,
  InvalidParamsError,
  TokenManager,
} from '../src/index.js'

// One scope rule (RFC 6749 3.3 scope tokens) for params.scopes, configured scopes and presets.
describe('checkScopes', () => {
  const fail = (message: string) => new ConfigurationError(message)

  it('returns the scopes sorted and de-duplicated', () => {
    expect(checkScopes(['write', 'read', 'write'], fail)).toEqual(['read', 'write'])
    expect(checkScopes([], fail)).toEqual([])
  })

  it('refuses what is not a list of RFC 6749 3.3 scope tokens, with the caller’s error', () => {
    for (const bad of ['read', ['a b'], [''], ['say"hi'], ['back\\slash'], ['café'], [42]]) {
      expect(() => checkScopes(bad, fail), JSON.stringify(bad)).toThrow(ConfigurationError)
    }
    expect(() => checkScopes(['a b'], fail)).toThrow(/without spaces, quotes or backslashes/)
  })

  it('nonEmpty: a source that must ask for a scope refuses an empty or missing list', () => {
    expect(() => checkScopes([], fail, { nonEmpty: true })).toThrow(/non-empty list/)
    expect(() => checkScopes(undefined, fail, { nonEmpty: true })).toThrow(/non-empty list/)
  })

  it('is the rule of getToken params and of authorizationCode scopes alike', async () => {
    expect(() => cacheKey('acme', { scopes: ['say"hi'] })).toThrow(InvalidParamsError)
    const manager = new TokenManager()
    const source = authorizationCode({
      clientId: 'id',
      endpoints: { authorization: 'https://a.example/authorize', token: 'https://a.example/token' },
      redirectUri: 'https://app.example/callback',
      scopes: ['say"hi'],
    })
    expect(() => manager.register('acme', source)).toThrow(/without spaces, quotes or backslashes/)
    await manager.close()
  })
})
