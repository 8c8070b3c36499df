import { createVerifier, type Verifier } from '@vendor-token/verify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type FakeClock, fakeClock } from './support/fake-clock.js'
import { type JwksServer, startJwksServer } from './support/jwks-server.js'
import { ISSUER, makeKey, signToken, type TestKey } from './support/keys.js'

let jwks: JwksServer | undefined
let verifier: Verifier | undefined

afterEach(async () => {
  await verifier?.close()
  await jwks?.close()
})

async function setUp(cacheControl: string | undefined) {
  const key = await makeKey('k1')
  jwks = await startJwksServer([key.jwk])
  jwks.cacheControl = cacheControl
  const clock = fakeClock()
  // The verified-token cache is off: every verify consults the key set.
  verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1, clock, cache: false })
  await verifier.verify(await token(key, clock))
  expect(jwks.requests).toBe(1)
  return { key, clock, jwks, verifier }
}

const token = (key: TestKey, clock: FakeClock) =>
  signToken(key, { iss: ISSUER, sub: 'u1', exp: Math.floor(clock.now() / 1000) + 7200 })

describe('JWKS cache lifetime', () => {
  it('honours Cache-Control max-age', async () => {
    const { key, clock, jwks, verifier } = await setUp('public, max-age=120')
    clock.advance(119_000)
    await verifier.verify(await token(key, clock))
    expect(jwks.requests).toBe(1)

    clock.advance(1_000)
    await verifier.verify(await token(key, clock)) // served with the current keys; refreshed behind
    await vi.waitFor(() => expect(jwks.requests).toBe(2), { timeout: 10_000 })
  })

  it('keeps the keys 10 minutes when the server sends no max-age', async () => {
    const { key, clock, jwks, verifier } = await setUp(undefined)
    clock.advance(599_000)
    await verifier.verify(await token(key, clock))
    expect(jwks.requests).toBe(1)

    clock.advance(1_000)
    await verifier.verify(await token(key, clock))
    await vi.waitFor(() => expect(jwks.requests).toBe(2), { timeout: 10_000 })
  })

  it('never refetches more often than the cool-down, even for max-age=0', async () => {
    const { key, clock, jwks, verifier } = await setUp('no-cache')
    for (let i = 0; i < 5; i++) {
      clock.advance(5_000)
      await verifier.verify(await token(key, clock))
    }
    expect(jwks.requests).toBe(1)
    clock.advance(5_000)
    await verifier.verify(await token(key, clock))
    await vi.waitFor(() => expect(jwks.requests).toBe(2), { timeout: 10_000 })
  })

  it('keeps verifying with the known keys when a refresh fails', async () => {
    const { key, clock, jwks, verifier } = await setUp('max-age=60')
    jwks.mode = 'error500'
    clock.advance(61_000)
    await verifier.verify(await token(key, clock))
    await vi.waitFor(() => expect(jwks.requests).toBe(2), { timeout: 10_000 })
    await expect(verifier.verify(await token(key, clock))).resolves.toMatchObject({
      payload: { sub: 'u1' },
    })
    expect(verifier.stats().jwks.lastError).toMatch(/HTTP 500/)
  })
})
