import { createVerifier, type Verifier } from '@vendor-token/verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessClaims, ISSUER, makeKey, signRaw, type TestKey } from './support/keys.js'

let key: TestKey
let verifier: Verifier

beforeAll(async () => {
  key = await makeKey('k1')
  verifier = createVerifier({ jwks: { keys: [key.jwk] }, issuer: ISSUER, threads: 1 })
})

afterAll(async () => {
  await verifier?.close()
})

/** Valid claims as JSON text with one member's value replaced by raw JSON (e.g. `1e400`). */
function claimsText(name: string, rawValue: string): string {
  const { [name]: _, ...rest } = accessClaims() as Record<string, unknown>
  return `${JSON.stringify(rest).slice(0, -1)},"${name}":${rawValue}}`
}

describe('numbers JSON.parse makes infinite are refused', () => {
  it.each([
    ['exp', '1e400', '"exp" is not a finite number'],
    ['exp', '-1e400', '"exp" is not a finite number'],
    ['nbf', '-1e400', '"nbf" is not a finite number'],
    ['iat', '-1e400', '"iat" is not a finite number'],
    ['balance', '1e400', 'A claim holds a non-finite number'],
    ['limits', '{"daily":[1,-2e308]}', 'A claim holds a non-finite number'],
  ])('"%s": %s -> malformed', async (name, raw, message) => {
    const token = await signRaw(key, claimsText(name, raw), { typ: 'at+jwt' })
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'malformed', message })
  })

  it('large finite numbers still verify', async () => {
    const token = await signRaw(key, claimsText('balance', '1.7e308'), { typ: 'at+jwt' })
    await expect(verifier.verify(token)).resolves.toMatchObject({ payload: { balance: 1.7e308 } })
  })
})
