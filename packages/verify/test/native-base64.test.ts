import { describe, expect, it } from 'vitest'
import { fromBase64 } from '../src/worker/native-base64.js'

/** What the ES2026 built-in `Uint8Array.fromBase64` answers, per its specification (loose last chunk). */
describe('fromBase64 (the worker threads’ Uint8Array.fromBase64 where Node has none)', () => {
  const bytes = (...values: number[]) => new Uint8Array(values)

  it.each([
    ['', 'base64url', bytes()],
    ['AQID', 'base64url', bytes(1, 2, 3)],
    ['-_8', 'base64url', bytes(251, 255)],
    ['+/8=', 'base64', bytes(251, 255)],
    ['+/8', 'base64', bytes(251, 255)],
    ['AQ', 'base64url', bytes(1)],
    ['AQ==', 'base64url', bytes(1)],
    ['AQ I D', 'base64url', bytes(1, 2, 3)],
  ] as const)('decodes %j (%s)', (input, alphabet, expected) => {
    const decoded = fromBase64(input, { alphabet })
    expect(decoded).toEqual(expected)
    expect(Object.getPrototypeOf(decoded)).toBe(Uint8Array.prototype) // not a Buffer
  })

  it.each([
    ['+/8', 'base64url'], // the other alphabet's characters
    ['-_8', 'base64'],
    ['AQ*D', 'base64url'],
    ['A', 'base64url'], // a lone final character
    ['AQ=', 'base64url'], // padding that does not complete a chunk
    ['A=QD', 'base64url'], // padding in the middle
    ['AQID===', 'base64url'],
  ] as const)('throws a SyntaxError for %j (%s), as the built-in does', (input, alphabet) => {
    expect(() => fromBase64(input, { alphabet })).toThrow(SyntaxError)
  })

  it('refuses what it does not implement with a TypeError', () => {
    expect(() => fromBase64(42)).toThrow(TypeError)
    expect(() => fromBase64('AQID', { lastChunkHandling: 'strict' })).toThrow(TypeError)
    // @ts-expect-error: an alphabet the built-in does not know
    expect(() => fromBase64('AQID', { alphabet: 'hex' })).toThrow(TypeError)
  })

  it('decodes the base64 of every byte value the same as Buffer', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    expect(Buffer.from(fromBase64(all.toString('base64url'), { alphabet: 'base64url' }))).toEqual(
      all,
    )
    expect(Buffer.from(fromBase64(all.toString('base64')))).toEqual(all)
  })
})
