import { describe, expect, it } from 'vitest'
import { cacheKey } from '../src/adapter/index.js'
import { InvalidParamsError } from '../src/index.js'

describe('cacheKey', () => {
  it('is the vendor alone without params', () => {
    expect(cacheKey('acme', undefined)).toBe('acme')
    expect(cacheKey('acme', {})).toBe('acme')
    expect(cacheKey('acme', { user: undefined })).toBe('acme')
  })

  it('sorts and de-duplicates scopes', () => {
    expect(cacheKey('b', { scopes: ['w', 'r'] })).toBe(cacheKey('b', { scopes: ['r', 'w', 'r'] }))
    expect(cacheKey('b', { scopes: ['w', 'r'] })).toBe('b:{"scopes":["r","w"]}')
  })

  it("keeps a vendor's own params as given (its preset's normalizeParams orders them)", () => {
    expect(cacheKey('b', { firmIds: [792, 39] })).toBe('b:{"firmIds":[792,39]}')
    expect(cacheKey('b', { firmIds: [792, 39] })).not.toBe(cacheKey('b', { firmIds: [39, 792] }))
  })

  it('includes the user id and every other param', () => {
    const keys = new Set([
      cacheKey('w', { user: 'u1' }),
      cacheKey('w', { user: 'u2' }),
      cacheKey('w', { user: 'u1', scopes: ['a'] }),
      cacheKey('w', { region: 'eu' }),
      cacheKey('w', { region: { a: 1, b: 2 } }),
      cacheKey('x', { user: 'u1' }),
    ])
    expect(keys.size).toBe(6)
    expect(cacheKey('w', { region: { b: 2, a: 1 } })).toBe(
      cacheKey('w', { region: { a: 1, b: 2 } }),
    )
  })

  it('cannot be forged by separators in values', () => {
    expect(cacheKey('a', { tags: ['x","y'] })).not.toBe(cacheKey('a', { tags: ['x', 'y'] }))
  })

  it('refuses params of the wrong shape', () => {
    expect(() => cacheKey('a', { scopes: 'read' as never })).toThrow(InvalidParamsError)
    expect(() => cacheKey('a', { scopes: ['has space'] })).toThrow(InvalidParamsError)
    // RFC 6749 3.3: a scope token is printable ASCII without space, '"' or '\\'.
    expect(() => cacheKey('a', { scopes: ['say"hi'] })).toThrow(/without spaces, quotes/)
    expect(() => cacheKey('a', { scopes: ['back\\slash'] })).toThrow(InvalidParamsError)
    expect(() => cacheKey('a', { user: 42 as never })).toThrow(InvalidParamsError)
  })
})
