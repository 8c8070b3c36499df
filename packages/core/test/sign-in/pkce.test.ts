import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import { InvalidParamsError } from '../../src/index.js'
import { createPkce, pkceChallenge } from '../support/internal.js'

it('computes the S256 challenge of RFC 7636 appendix B', () => {
  expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  )
})

it('makes a fresh 64-character verifier of unreserved characters each time, S256 only', () => {
  const pairs = Array.from({ length: 20 }, () => createPkce())
  for (const { verifier, challenge, method } of pairs) {
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/)
    expect(verifier).toHaveLength(64)
    expect(method).toBe('S256')
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'))
  }
  expect(new Set(pairs.map((pair) => pair.verifier)).size).toBe(20)
})

it('refuses verifiers RFC 7636 does not allow (43 to 128 unreserved characters)', () => {
  for (const verifier of [
    'a'.repeat(42),
    'a'.repeat(129),
    `${'a'.repeat(42)} `,
    `${'a'.repeat(42)}+`,
  ]) {
    expect(() => pkceChallenge(verifier)).toThrow(InvalidParamsError)
  }
  expect(() => pkceChallenge('a'.repeat(43))).not.toThrow()
  expect(() => pkceChallenge('~'.repeat(128))).not.toThrow()
})
