import { createVerifier, type Verifier, VerifyError } from '@vendor-token/verify'
import { afterEach, describe, expect, it } from 'vitest'
import { accessClaims, ISSUER, makeKey, signToken } from './support/keys.js'

let verifier: Verifier | undefined

afterEach(async () => {
  await verifier?.close()
})

describe('verifyMany and batching', () => {
  it('answers in order, mixing payloads and errors, without rejecting', async () => {
    const key = await makeKey('k1')
    verifier = createVerifier({ jwks: { keys: [key.jwk] }, issuer: ISSUER, threads: 2 })
    const good = await Promise.all(
      Array.from({ length: 300 }, (_, i) => signToken(key, { ...accessClaims(), sub: `u${i}` })),
    )
    const input = good.flatMap((token, i) => (i % 50 === 0 ? [token, 'not-a-token'] : [token]))

    const results = await verifier.verifyMany(input)

    expect(results).toHaveLength(input.length)
    let next = 0
    for (const [i, result] of results.entries()) {
      if (input[i] === 'not-a-token') {
        expect(result).toBeInstanceOf(VerifyError)
        expect((result as VerifyError).code).toBe('malformed')
      } else {
        expect(result).not.toBeInstanceOf(VerifyError)
        expect((result as { payload: { sub: string } }).payload.sub).toBe(`u${next++}`)
      }
    }
  })

  it('sends concurrent verify() calls to the workers in batches, not one message per token', async () => {
    const key = await makeKey('k1')
    verifier = createVerifier({
      jwks: { keys: [key.jwk] },
      issuer: ISSUER,
      threads: 2,
      maxBatchSize: 32,
    })
    await verifier.verify(await signToken(key))
    const tokens = await Promise.all(
      Array.from({ length: 256 }, (_, i) => signToken(key, { ...accessClaims(), sub: `b${i}` })),
    )
    const sentBefore = verifier.stats().batchesSent

    await Promise.all(tokens.map((token) => verifier!.verify(token)))

    expect(verifier.stats().batchesSent - sentBefore).toBe(256 / 32)
  })
})
