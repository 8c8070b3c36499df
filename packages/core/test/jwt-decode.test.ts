import { describe, expect, it } from 'vitest'
import { decodeJwtPayload } from '../src/adapter/index.js'
import { fakeJwt } from './support/token-server.js'

describe('decodeJwtPayload', () => {
  it('decodes the payload of a JWT without verifying it', () => {
    expect(decodeJwtPayload(fakeJwt({ sub: 'a', exp: 1 }))).toEqual({ sub: 'a', exp: 1 })
  })

  it('returns undefined for anything else', () => {
    for (const token of [
      'opaque',
      'a.b',
      'a.b.c.d',
      `x.${Buffer.from('[1]').toString('base64url')}.y`,
      '.e30.',
      'x.%%%.y',
    ]) {
      expect(decodeJwtPayload(token)).toBeUndefined()
    }
  })
})
