import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import {
  createVerifier,
  type JwksFetchMessage,
  VERIFY_DIAGNOSTICS_CHANNELS,
  type Verifier,
  type VerifyBatchMessage,
  VerifyError,
} from '@vendor-token/verify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeClock } from './support/fake-clock.js'
import { type JwksServer, startJwksServer } from './support/jwks-server.js'
import { accessClaims, ISSUER, makeKey, nowSeconds, signToken } from './support/keys.js'

// Real subscribers on the public channel names, a real JWKS server, real worker batches.
let batches: VerifyBatchMessage[]
let fetches: JwksFetchMessage[]
const onBatch = (message: unknown) => void batches.push(message as VerifyBatchMessage)
const onFetch = (message: unknown) => void fetches.push(message as JwksFetchMessage)

let jwks: JwksServer | undefined
let verifier: Verifier | undefined

beforeEach(() => {
  batches = []
  fetches = []
  subscribe(VERIFY_DIAGNOSTICS_CHANNELS.verify, onBatch)
  subscribe(VERIFY_DIAGNOSTICS_CHANNELS.jwks, onFetch)
})

afterEach(async () => {
  unsubscribe(VERIFY_DIAGNOSTICS_CHANNELS.verify, onBatch)
  unsubscribe(VERIFY_DIAGNOSTICS_CHANNELS.jwks, onFetch)
  await verifier?.close()
  await jwks?.close()
  verifier = undefined
})

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof VerifyError ? error.code : String(error)),
  )

describe('vendor-token:verify', () => {
  it('one message per worker batch: size, duration and the count of each outcome', async () => {
    const key = await makeKey('k1')
    jwks = await startJwksServer([key.jwk])
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1, cache: false })
    const now = nowSeconds()
    const tokens = await Promise.all([
      ...Array.from({ length: 5 }, () => signToken(key)),
      signToken(key, { ...accessClaims(now - 7200), exp: now - 3600 }),
      signToken(key, { ...accessClaims(now), iss: 'https://someone-else.example' }),
    ])
    const codes = await Promise.all(tokens.map((token) => codeOf(verifier!.verify(token))))
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'expired', 'wrong_issuer'])

    expect(batches.length).toBeGreaterThan(0)
    expect(batches.reduce((sum, batch) => sum + batch.size, 0)).toBe(tokens.length)
    const totals: Record<string, number> = {}
    for (const batch of batches) {
      expect(batch.durationMs).toBeGreaterThanOrEqual(0)
      const counted = Object.values(batch.outcomes).reduce((sum, n) => sum + (n ?? 0), 0)
      expect(counted).toBe(batch.size)
      for (const [outcome, count] of Object.entries(batch.outcomes)) {
        totals[outcome] = (totals[outcome] ?? 0) + (count ?? 0)
      }
    }
    expect(totals).toEqual({ ok: 5, expired: 1, wrong_issuer: 1 })
    // Counts, durations and codes only: no token, no claim.
    const published = JSON.stringify(batches)
    for (const token of tokens) expect(published).not.toContain(token.split('.')[1]!)
    expect(published).not.toContain('advisor-1')
  })

  it('tokens answered on the main thread (cache hits, pre-check refusals) make no batch', async () => {
    const key = await makeKey('k1')
    jwks = await startJwksServer([key.jwk])
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1 })
    const token = await signToken(key)
    await verifier.verify(token)
    expect(batches).toHaveLength(1)
    await verifier.verify(token) // cached
    expect(await codeOf(verifier.verify('not-a-jwt'))).toBe('malformed')
    expect(batches).toHaveLength(1)
  })
})

describe('vendor-token:jwks', () => {
  it('the initial fetch: ok, its key count, changed, and the unknown-kid cool-down', async () => {
    const [one, two] = await Promise.all([makeKey('one'), makeKey('two')])
    jwks = await startJwksServer([one.jwk, two.jwk])
    verifier = createVerifier({
      jwksUri: jwks.url,
      issuer: ISSUER,
      threads: 1,
      jwksCooldownMs: 45_000,
    })
    await verifier.verify(await signToken(one))
    expect(fetches).toHaveLength(1)
    const [fetch] = fetches
    expect(fetch).toMatchObject({
      reason: 'initial',
      outcome: 'ok',
      keyCount: 2,
      changed: true,
      cooldownMs: 45_000,
    })
    expect(fetch!.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('an unknown kid refetches (changed when a key was added); a stale set refreshes unchanged', async () => {
    const [one, two] = await Promise.all([makeKey('one'), makeKey('two')])
    jwks = await startJwksServer([one.jwk])
    const clock = fakeClock()
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1, clock })
    await verifier.verify(await signToken(one))
    jwks.keys = [one.jwk, two.jwk]
    await verifier.verify(await signToken(two))
    expect(fetches.map((f) => [f.reason, f.outcome, f.keyCount, f.changed])).toEqual([
      ['initial', 'ok', 1, true],
      ['unknown_kid', 'ok', 2, true],
    ])

    clock.advance(600_001) // past the default 10 min lifetime: the next token starts a refresh
    await verifier.verify(await signToken(one, accessClaims(nowSeconds() + 601)))
    await expect.poll(() => fetches.length).toBe(3)
    expect(fetches[2]).toMatchObject({
      reason: 'stale',
      outcome: 'ok',
      keyCount: 2,
      changed: false,
    })
    expect(jwks.requests).toBe(3)
  })

  it('a failed fetch: unavailable, with the back-off before the next one as its cool-down', async () => {
    const key = await makeKey('k1')
    jwks = await startJwksServer([key.jwk])
    jwks.mode = 'error500'
    const clock = fakeClock()
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1, clock })
    expect(await codeOf(verifier.verify(await signToken(key)))).toBe('jwks_unavailable')
    expect(fetches).toHaveLength(1)
    expect(fetches[0]).toMatchObject({
      reason: 'initial',
      outcome: 'unavailable',
      cooldownMs: 1_000,
    })
    expect(fetches[0]!.keyCount).toBeUndefined()

    clock.advance(1_000) // the back-off doubles per failure
    expect(await codeOf(verifier.verify(await signToken(key)))).toBe('jwks_unavailable')
    expect(fetches.map((f) => f.cooldownMs)).toEqual([1_000, 2_000])
  })

  it('a fetch cut short by close() is published as closed', async () => {
    jwks = await startJwksServer([])
    jwks.mode = 'hang'
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1 })
    await expect.poll(() => jwks!.requests).toBe(1) // the first fetch is waiting for an answer
    await verifier.close()
    await expect.poll(() => fetches.length).toBe(1)
    expect(fetches[0]).toMatchObject({ reason: 'initial', outcome: 'closed' })
  })

  it('a fixed key set is not fetched, so nothing is published', async () => {
    const key = await makeKey('k1')
    verifier = createVerifier({ jwks: { keys: [key.jwk] }, issuer: ISSUER, threads: 1 })
    await verifier.verify(await signToken(key))
    expect(fetches).toEqual([])
    expect(batches).toHaveLength(1)
  })
})
