import { describe, expect, it } from 'vitest'
import { InvalidParamsError } from '../../src/index.js'
import { checkReturnTo } from '../support/internal.js'

describe('checkReturnTo: same-origin paths only (no open redirect)', () => {
  it('accepts paths on this site, unchanged', () => {
    for (const path of [
      '/',
      '/clients',
      '/clients?page=2&q=a%20b',
      '/a/b#top',
      '/caf%C3%A9',
      '/x%2Fy',
    ]) {
      expect(checkReturnTo(path)).toBe(path)
    }
    expect(checkReturnTo(undefined)).toBeUndefined()
    expect(checkReturnTo('')).toBeUndefined()
  })

  it.each([
    'https://evil.example/',
    'http://evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    ' /evil',
    'javascript:alert(1)',
    'evil.example',
    '/%2F%2Fevil.example',
    '/%2fevil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%252F%252Fevil.example',
    '/%25252F%25252Fevil.example',
    '/%09/evil.example',
    `/${'a'.repeat(2048)}`,
  ])('refuses %j', (value) => {
    expect(() => checkReturnTo(value)).toThrow(InvalidParamsError)
  })

  it('refuses what is not a string', () => {
    for (const value of [['/a'], { a: 1 }, 42]) {
      expect(() => checkReturnTo(value)).toThrow(InvalidParamsError)
    }
  })
})
