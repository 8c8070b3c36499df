import { createVerifier, type Verifier, VerifyError } from '@vendor-token/verify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { accessClaims, ISSUER, makeKey, signToken } from './support/keys.js'

let verifier: Verifier | undefined

afterEach(async () => {
  await verifier?.close()
})

describe('worker crash', () => {
  it('fails the crashed worker in-flight verifications, replaces it, and keeps verifying', async () => {
    const key = await makeKey('k1')
    const crash = await signToken(key, { ...accessClaims(), sub: 'crash' })
    verifier = createVerifier({
      jwks: { keys: [key.jwk] },
      issuer: ISSUER,
      threads: 2,
      cache: false,
      maxBatchSize: 8,
      unsafeExitWorkerOnToken: crash,
    })
    const good = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signToken(key, { ...accessClaims(), sub: `u${i}` })),
    )
    await verifier.verifyMany(good) // workers are up and hold the keys

    const results = await verifier.verifyMany([...good.slice(0, 20), crash, ...good.slice(20)])

    const crashed = results[20]
    expect(crashed).toBeInstanceOf(VerifyError)
    expect((crashed as VerifyError).code).toBe('worker_failed')
    expect((crashed as VerifyError).status).toBe(503)
    // Only the batches the crashed worker held (its running one and its next) failed; the
    // other batches were verified.
    const failed = results.filter((r) => r instanceof VerifyError)
    expect(failed.length).toBeGreaterThanOrEqual(1)
    expect(failed.length).toBeLessThanOrEqual(2 * 8)
    expect(results.filter((r) => !(r instanceof VerifyError)).length).toBe(41 - failed.length)

    // The replacement thread starts asynchronously; on a loaded machine that can take seconds.
    await vi.waitFor(
      () => expect(verifier!.stats()).toMatchObject({ threads: 2, workersStarted: 3 }),
      { timeout: 20_000, interval: 50 },
    )
    const again = await verifier.verifyMany(good)
    expect(again.every((r) => !(r instanceof VerifyError))).toBe(true)
  })

  it('a lone verify() on a crashing worker rejects instead of hanging', async () => {
    const key = await makeKey('k1')
    const crash = await signToken(key)
    verifier = createVerifier({
      jwks: { keys: [key.jwk] },
      issuer: ISSUER,
      threads: 1,
      unsafeExitWorkerOnToken: crash,
    })
    await expect(verifier.verify(crash)).rejects.toMatchObject({ code: 'worker_failed' })
    await expect(
      verifier.verify(await signToken(key, { ...accessClaims(), sub: 'next' })),
    ).resolves.toMatchObject({
      payload: { sub: 'next' },
    })
  })
})
