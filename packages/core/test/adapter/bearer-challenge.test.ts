import { describe, expect, test } from 'vitest'
import {
  BearerTokenMissingError,
  BearerVerifierUnavailableError,
  InsufficientScopeError,
  InvalidBearerTokenError,
} from '../../src/adapter/bearer-errors.js'
import { grantedScopes, requiredScopes } from '../../src/adapter/scopes.js'
import { bearerChallenge } from '../../src/adapter/www-authenticate.js'
import { ConfigurationError } from '../../src/errors.js'

describe('WWW-Authenticate (RFC 6750 3)', () => {
  test('challenges', () => {
    expect(bearerChallenge()).toBe('Bearer')
    expect(bearerChallenge({ realm: 'api "v1"' })).toBe('Bearer realm="api \\"v1\\""')
    expect(bearerChallenge({ error: 'insufficient_scope', scope: ['a', 'b:c'] })).toBe(
      'Bearer error="insufficient_scope", scope="a b:c"',
    )
  })

  test('each bearer error carries its status and challenge, without error_description', () => {
    expect(new BearerTokenMissingError()).toMatchObject({
      status: 401,
      code: 'missing_token',
      headers: { 'www-authenticate': 'Bearer' },
    })
    expect(new InvalidBearerTokenError({ realm: 'api' })).toMatchObject({
      status: 401,
      code: 'invalid_token',
      headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' },
    })
    expect(new InsufficientScopeError(['clients:read'])).toMatchObject({
      status: 403,
      headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="clients:read"' },
    })
    expect(new BearerVerifierUnavailableError({ retryAfterSeconds: 2.5 })).toMatchObject({
      status: 503,
      headers: { 'retry-after': '3', 'www-authenticate': 'Bearer' },
    })
  })
})

describe('scopes', () => {
  test('granted by `scope` (space-separated) and `scp` (array or string), without repeats', () => {
    expect(grantedScopes({ scope: 'a  b' })).toEqual(['a', 'b'])
    expect(grantedScopes({ scp: ['b', 'c', 7] })).toEqual(['b', 'c'])
    expect(grantedScopes({ scope: 'a b', scp: 'b c' })).toEqual(['a', 'b', 'c'])
    expect(grantedScopes({ scope: 42 })).toEqual([])
  })

  test('required scopes are checked when the middleware is made', () => {
    expect(requiredScopes('a  b')).toEqual(['a', 'b'])
    expect(requiredScopes(['a'])).toEqual(['a'])
    expect(requiredScopes(undefined)).toEqual([])
    expect(() => requiredScopes(['a b'])).toThrow(ConfigurationError)
    expect(() => requiredScopes(['a"b'])).toThrow(ConfigurationError)
  })
})
