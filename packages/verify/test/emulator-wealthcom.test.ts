import { type Emulator, signInTestAdvisor, startEmulator } from '@vendor-token/emulator'
import { createVerifier, type Verifier, VerifyError } from '@vendor-token/verify'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Real tokens from the emulator's Wealth.com advisor sign-in (oidc-provider: RS256, kid, JWKS).
let emulator: Emulator
let verifier: Verifier

beforeAll(async () => {
  emulator = await startEmulator()
  const { jwksUri, issuer, audience, clientId } = emulator.vendors.wealthcom
  verifier = createVerifier({ jwksUri, issuer, audience, clientId, threads: 2 })
})

afterAll(async () => {
  await verifier?.close()
  await emulator?.close()
})

const signIn = () => signInTestAdvisor(emulator, 'openid clients:read')

describe('Wealth.com provider of the emulator', () => {
  it('verifies a real advisor access token and rejects the ID token from the same sign-in', async () => {
    const tokens = await signIn()

    const { payload, protectedHeader } = await verifier.verify(tokens.accessToken)
    expect(payload).toMatchObject({
      iss: emulator.vendors.wealthcom.issuer,
      aud: emulator.vendors.wealthcom.audience,
    })
    expect(typeof payload.sub).toBe('string')
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'at+jwt' })
    expect(typeof protectedHeader.kid).toBe('string')

    const error = await verifier.verify(tokens.idToken).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VerifyError)
    expect((error as VerifyError).code).toBe('id_token_rejected')
  })

  it("survives rotateKeys('wealthcom') with one refetch", async () => {
    const before = await signIn()
    await verifier.verify(before.accessToken)
    const fetches = verifier.stats().jwks.fetches
    const jwksRequests = emulator.stats('wealthcom').jwksRequests

    await emulator.rotateKeys('wealthcom')
    const after = await signIn()
    expect(decodeProtectedHeader(after.accessToken).kid).not.toBe(
      decodeProtectedHeader(before.accessToken).kid,
    )

    // Concurrent requests carrying the new kid share the one refetch.
    const results = await Promise.all(
      Array.from({ length: 10 }, () => verifier.verify(after.accessToken)),
    )
    expect(results.map((result) => result.payload.sub)).toEqual(
      Array(10).fill(decodeJwt(after.accessToken).sub),
    )
    expect(verifier.stats().jwks.fetches).toBe(fetches + 1)
    expect(emulator.stats('wealthcom').jwksRequests).toBe(jwksRequests + 1)
  })
})
