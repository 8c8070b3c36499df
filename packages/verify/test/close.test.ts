import { existsSync, readdirSync } from 'node:fs'
import { createVerifier, VerifyError } from '@vendor-token/verify'
import { describe, expect, it } from 'vitest'
import { accessClaims, ISSUER, makeKey, signToken } from './support/keys.js'

/** OS threads of this process (Linux): worker threads are real threads. */
const osThreads = () => readdirSync('/proc/self/task').length

describe('close()', () => {
  it('lets in-flight verifications finish, then ends every worker thread', async () => {
    const key = await makeKey('k1')
    const tokens = await Promise.all(
      Array.from({ length: 200 }, (_, i) => signToken(key, { ...accessClaims(), sub: `u${i}` })),
    )
    const before = existsSync('/proc/self/task') ? osThreads() : undefined
    const verifier = createVerifier({
      jwks: { keys: [key.jwk] },
      issuer: ISSUER,
      threads: 2,
      maxBatchSize: 8,
    })
    await verifier.verify(tokens[0]!)
    expect(verifier.stats().threads).toBe(2)
    if (before !== undefined) expect(osThreads()).toBeGreaterThanOrEqual(before + 2)

    // verifyMany queues every token synchronously and sends the first batches at once (2 per
    // thread); close() is called in the same turn, before any batch can come back, so most
    // tokens still wait in the main thread's queue and close() must wait for them too. (Waiting
    // a turn first made this depend on how many batches the workers had already returned.)
    const inFlight = verifier.verifyMany(tokens)
    // (tokens[0] is a cache hit: 199 tokens wait for a worker.)
    expect(verifier.stats()).toMatchObject({ queued: 199 - 2 * 2 * 8, inFlightBatches: 2 * 2 })
    const closing = verifier.close()
    expect(verifier.stats().queued).toBeGreaterThan(100)
    await closing

    const results = await inFlight
    expect(results.every((r) => !(r instanceof VerifyError))).toBe(true)
    expect(verifier.stats().threads).toBe(0)
    if (before !== undefined) expect(osThreads()).toBeLessThanOrEqual(before)
  })

  it('refuses new tokens with `closed` (503) and is idempotent', async () => {
    const key = await makeKey('k1')
    const verifier = createVerifier({ jwks: { keys: [key.jwk] }, issuer: ISSUER, threads: 1 })
    const closing = verifier.close()
    expect(verifier.close()).toBe(closing)
    await closing
    const error = await verifier
      .verify(await signToken(key))
      .catch((e: unknown) => e as VerifyError)
    expect(error).toMatchObject({ code: 'closed', status: 503 })
  })
})
