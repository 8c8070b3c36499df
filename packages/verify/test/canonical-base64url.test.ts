import { generateKeyPairSync, sign } from 'node:crypto'
import { createVerifier, type Verifier, VerifyError } from '@vendor-token/verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isCanonicalBase64url } from '../src/base64url.js'
import { accessClaims, b64, ISSUER, makeKey, signToken, type TestKey } from './support/keys.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

let key: TestKey
let verifier: Verifier

beforeAll(async () => {
  key = await makeKey('k1')
  verifier = createVerifier({ jwks: { keys: [key.jwk] }, issuer: ISSUER, threads: 1, cache: false })
})

afterAll(async () => {
  await verifier?.close()
})

describe('one token, one spelling', () => {
  it('of the 64 spellings of the last signature character, only the canonical one verifies', async () => {
    const token = await signToken(key)
    // RS256 signature: 256 bytes = 342 characters, the last one carries 2 bits and 4 spare bits.
    expect(token.split('.')[2]!.length % 4).toBe(2)
    const head = token.slice(0, -1)
    const spellings = [...ALPHABET].map((c) => head + c)
    const results = await verifier.verifyMany(spellings)
    const verified = spellings.filter((_, i) => !(results[i] instanceof VerifyError))
    expect(verified).toEqual([token])
    const codes = results.map((r) => (r instanceof VerifyError ? r.code : 'ok'))
    // The 15 other spellings of the same bytes are malformed; the other 48 are other bytes.
    expect(codes.filter((c) => c === 'malformed')).toHaveLength(15)
    expect(codes.filter((c) => c === 'bad_signature')).toHaveLength(48)
  })

  it('a signature with one character more than its bytes need (ignored by decoders) is malformed', async () => {
    // RSA 3072: 384 bytes = 512 characters, so one more character carries no whole byte.
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 })
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k3072', alg: 'RS256', use: 'sig' }
    const long = createVerifier({ jwks: { keys: [jwk] }, issuer: ISSUER, threads: 1 })
    try {
      const input = `${b64(JSON.stringify({ alg: 'RS256', kid: 'k3072', typ: 'at+jwt' }))}.${b64(JSON.stringify(accessClaims()))}`
      const token = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
      await expect(long.verify(token)).resolves.toBeDefined()
      await expect(long.verify(`${token}A`)).rejects.toMatchObject({
        code: 'malformed',
        message: 'The token signature is not canonical base64url',
      })
    } finally {
      await long.close()
    }
  })

  it('isCanonicalBase64url accepts exactly the encodings Buffer produces', () => {
    for (let length = 1; length <= 8; length++) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 97 + length * 31) % 256))
      const canonical = bytes.toString('base64url')
      expect(isCanonicalBase64url(canonical)).toBe(true)
      for (const c of ALPHABET) {
        const spelling = canonical.slice(0, -1) + c
        if (spelling !== canonical && Buffer.from(spelling, 'base64url').equals(bytes)) {
          expect(isCanonicalBase64url(spelling)).toBe(false)
        }
      }
    }
    expect(isCanonicalBase64url('AAAAA')).toBe(false) // 4n + 1 characters encode no bytes
  })
})
