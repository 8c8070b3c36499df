import { randomUUID } from 'node:crypto'
import { createVerifier, type Verifier, VerifyError } from '@vendor-token/verify'
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeClock, fakeClock } from './support/fake-clock.js'
import { type JwksServer, startJwksServer } from './support/jwks-server.js'
import { ISSUER, makeKey, signToken } from './support/keys.js'

const COOL_DOWN_MS = 30_000

let jwks: JwksServer | undefined
let verifier: Verifier | undefined

afterEach(async () => {
  await verifier?.close()
  await jwks?.close()
})

async function setUp() {
  const [first, second, stranger] = await Promise.all([
    makeKey('first'),
    makeKey('second'),
    makeKey('stranger'),
  ])
  jwks = await startJwksServer([first.jwk])
  const clock: FakeClock = fakeClock()
  verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1, clock })
  const firstToken = await signToken(first)
  await verifier.verify(firstToken)
  return { first, firstToken, second, stranger, clock, jwks, verifier }
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof VerifyError ? error.code : String(error)),
  )

describe('unknown kid', () => {
  it('a flood of random kids makes at most one refetch per cool-down', async () => {
    const { stranger, clock, jwks, verifier } = await setUp()
    expect(jwks.requests).toBe(1)

    const flood = () =>
      Promise.all(
        Array.from({ length: 200 }, async () =>
          codeOf(verifier.verify(await signToken({ ...stranger, kid: randomUUID() }))),
        ),
      )
    expect(new Set(await flood())).toEqual(new Set(['unknown_kid']))
    expect(jwks.requests).toBe(2) // 200 concurrent unknown kids shared one refetch

    expect(new Set(await flood())).toEqual(new Set(['unknown_kid']))
    clock.advance(COOL_DOWN_MS - 1)
    expect(new Set(await flood())).toEqual(new Set(['unknown_kid']))
    expect(jwks.requests).toBe(2) // still inside the cool-down: no fetch at all

    clock.advance(1)
    expect(new Set(await flood())).toEqual(new Set(['unknown_kid']))
    expect(jwks.requests).toBe(3)
    expect(verifier.stats().jwks.fetches).toBe(3)
  })

  it('a rotated key (new kid) verifies after one refetch, without a restart', async () => {
    const { firstToken, second, clock, jwks, verifier } = await setUp()
    await verifier.verify(firstToken) // now answered by the cache
    clock.advance(COOL_DOWN_MS)
    jwks.keys = [second.jwk] // rotation: the new kid replaces the old one

    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signToken(second, { iss: ISSUER, sub: `u${i}`, exp: Math.floor(clock.now() / 1000) + 600 }),
      ),
    )
    const results = await Promise.all(tokens.map((token) => verifier.verify(token)))

    expect(results.map((r) => r.payload.sub)).toEqual(tokens.map((_, i) => `u${i}`))
    expect(jwks.requests).toBe(2)
    expect(verifier.stats().jwks.version).toBe(2)
    // The old key left the JWKS: its tokens (even one verified and cached before) are refused.
    await expect(codeOf(verifier.verify(firstToken))).resolves.toBe('unknown_kid')
  })

  it('a new kid seen inside the cool-down is refused until the cool-down ends', async () => {
    const { second, stranger, clock, jwks, verifier } = await setUp()
    await codeOf(verifier.verify(await signToken(stranger))) // spends the refetch
    jwks.keys = [second.jwk]

    await expect(codeOf(verifier.verify(await signToken(second)))).resolves.toBe('unknown_kid')
    expect(jwks.requests).toBe(2)
    clock.advance(COOL_DOWN_MS)
    await expect(codeOf(verifier.verify(await signToken(second)))).resolves.toBe('ok')
    expect(jwks.requests).toBe(3)
  })

  it('a fixed key set is never fetched: an unknown kid is refused at once', async () => {
    const [known, stranger] = await Promise.all([makeKey('known'), makeKey('stranger')])
    verifier = createVerifier({ jwks: { keys: [known.jwk] }, issuer: ISSUER, threads: 1 })
    await expect(codeOf(verifier.verify(await signToken(stranger)))).resolves.toBe('unknown_kid')
    await expect(codeOf(verifier.verify(await signToken(known)))).resolves.toBe('ok')
    expect(verifier.stats().jwks.fetches).toBe(0)
  })
})
