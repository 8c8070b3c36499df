import { describe, expect, test } from 'vitest'
import { parseBearerHeader } from '../../src/adapter/bearer-header.js'

describe('parseBearerHeader (RFC 6750 2.1)', () => {
  test.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['BEARER abc', 'abc'],
    ['Bearer   abc  ', 'abc'],
    ['Bearer a-b_c~d+e/f==', 'a-b_c~d+e/f=='],
  ])('%j carries a token', (header, token) => {
    expect(parseBearerHeader(header)).toEqual({ kind: 'token', token })
  })

  test.each([[undefined], [''], ['Basic dXNlcjpwYXNz'], ['Bearerabc'], ['Token abc']])(
    '%j is no bearer credential at all',
    (header) => {
      expect(parseBearerHeader(header)).toEqual({ kind: 'missing' })
    },
  )

  test.each([
    ['Bearer'],
    ['Bearer '],
    ['Bearer abc def'],
    ['Bearer a"b'],
    ['Bearer =abc'],
    ['Bearer abc,Bearer def'],
  ])('%j is a malformed bearer credential', (header) => {
    expect(parseBearerHeader(header)).toEqual({ kind: 'malformed' })
  })
})
