import { createVerifier } from '@vendor-token/verify'
import { describe, expect, it } from 'vitest'

const jwks = { keys: [] }

describe('createVerifier options', () => {
  it.each([
    ['neither jwksUri nor jwks', { issuer: 'https://idp' }],
    ['both jwksUri and jwks', { issuer: 'https://idp', jwks, jwksUri: 'https://idp/jwks' }],
    ['no issuer', { jwks }],
    ['HS256 allowed', { issuer: 'https://idp', jwks, algorithms: ['HS256'] }],
    ['alg none allowed', { issuer: 'https://idp', jwks, algorithms: ['none'] }],
    ['no algorithm', { issuer: 'https://idp', jwks, algorithms: [] }],
    ['negative tolerance', { issuer: 'https://idp', jwks, clockToleranceSeconds: -1 }],
  ])('refuses %s', (_name, options) => {
    expect(() => createVerifier(options as Parameters<typeof createVerifier>[0])).toThrow(TypeError)
  })
})
