import { createVerifier, type Verifier } from '@vendor-token/verify'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from './support/fake-clock.js'
import { ISSUER, makeKey, signToken } from './support/keys.js'

let verifier: Verifier | undefined

afterEach(async () => {
  await verifier?.close()
})

describe('verified-token cache', () => {
  it('answers a repeated token without a worker, until its exp and never past it', async () => {
    const key = await makeKey('k1')
    const clock = fakeClock()
    verifier = createVerifier({ jwks: { keys: [key.jwk] }, issuer: ISSUER, threads: 1, clock })
    const exp = Math.floor(clock.now() / 1000) + 60
    const token = await signToken(key, { iss: ISSUER, sub: 'u1', exp })

    const first = await verifier.verify(token)
    expect(verifier.stats().batchesSent).toBe(1)
    // A fresh string with the same content, as a server parses it from each request's header.
    const fresh = token.slice(0, 30) + token.slice(30)
    expect(await verifier.verify(fresh)).toBe(first)
    clock.advance(exp * 1000 - clock.now() - 1)
    expect(await verifier.verify(token)).toBe(first)
    expect(verifier.stats()).toMatchObject({ batchesSent: 1, cache: { hits: 2, misses: 1 } })

    // At exp the cache no longer answers: the worker judges (still inside the 5 s leeway) ...
    clock.advance(1)
    await expect(verifier.verify(token)).resolves.toMatchObject({ payload: { sub: 'u1' } })
    expect(verifier.stats().batchesSent).toBe(2)
    // ... and that answer was not cached past exp.
    clock.advance(5_000)
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'expired' })
    expect(verifier.stats().batchesSent).toBe(3)
  })

  it('is bounded', async () => {
    const key = await makeKey('k1')
    verifier = createVerifier({
      jwks: { keys: [key.jwk] },
      issuer: ISSUER,
      threads: 1,
      cache: { max: 10 },
    })
    const exp = Math.floor(Date.now() / 1000) + 600
    const tokens = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signToken(key, { iss: ISSUER, sub: `u${i}`, exp })),
    )
    await verifier.verifyMany(tokens)
    expect(verifier.stats().cache.size).toBeLessThanOrEqual(10)
    expect(verifier.stats().cache.size).toBeGreaterThan(0)
  })

  it("hands out frozen results, so one caller cannot change another one's claims", async () => {
    const key = await makeKey('k1')
    verifier = createVerifier({ jwks: { keys: [key.jwk] }, issuer: ISSUER, threads: 1 })
    const token = await signToken(key, {
      iss: ISSUER,
      sub: 'u1',
      exp: Math.floor(Date.now() / 1000) + 60,
      roles: ['reader'],
    })
    const { payload } = await verifier.verify(token)
    expect(() => {
      ;(payload as { sub: string }).sub = 'admin'
    }).toThrow(TypeError)
    expect(() => (payload.roles as string[]).push('admin')).toThrow(TypeError)
    expect((await verifier.verify(token)).payload).toMatchObject({ sub: 'u1', roles: ['reader'] })
  })

  it('can be switched off', async () => {
    const key = await makeKey('k1')
    verifier = createVerifier({
      jwks: { keys: [key.jwk] },
      issuer: ISSUER,
      threads: 1,
      cache: false,
    })
    const token = await signToken(key)
    await verifier.verify(token)
    await verifier.verify(token)
    expect(verifier.stats()).toMatchObject({ batchesSent: 2, cache: { size: 0, hits: 0 } })
  })
})
