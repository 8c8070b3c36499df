import {
  createVerifier,
  VERIFY_ERROR_CODES,
  type Verifier,
  VerifyError,
} from '@vendor-token/verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type JwksServer, startJwksServer } from './support/jwks-server.js'
import {
  AUDIENCE,
  accessClaims,
  b64,
  ISSUER,
  makeKey,
  signAnyHeader,
  signToken,
  type TestKey,
} from './support/keys.js'

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SEED = 0x5eed_0005
const COUNT = 5_000
const ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}":,\\\u00e9\u0000'

let key: TestKey
let jwks: JwksServer
let verifier: Verifier
let seeds: string[]

beforeAll(async () => {
  key = await makeKey('fuzz-key')
  jwks = await startJwksServer([key.jwk])
  verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE, threads: 2 })
  seeds = await Promise.all([
    signToken(key),
    signToken(key, { ...accessClaims(), nonce: 'n' }, { typ: 'JWT' }),
    signToken(key, { ...accessClaims(), nested: { deep: [1, { x: 'é' }] } }),
  ])
})

afterAll(async () => {
  await verifier?.close()
  await jwks?.close()
})

function fuzzTokens(random: () => number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const randomText = (max: number) =>
    Array.from({ length: Math.floor(random() * max) }, () => pick([...ALPHABET])).join('')
  const mutate = (token: string): string => {
    const at = Math.floor(random() * token.length)
    switch (Math.floor(random() * 7)) {
      case 0: // flip one character
        return token.slice(0, at) + pick([...ALPHABET]) + token.slice(at + 1)
      case 1: // delete a run
        return token.slice(0, at) + token.slice(at + 1 + Math.floor(random() * 20))
      case 2: // insert noise
        return token.slice(0, at) + randomText(10) + token.slice(at)
      case 3: // truncate
        return token.slice(0, at)
      case 4: {
        // shuffle segments
        const parts = token.split('.')
        return [pick(parts), pick(parts), pick(parts)].join('.')
      }
      case 5: // replace the header with random JSON-ish text
        return `${b64(`{"alg":"RS256","kid":"fuzz-key",${randomText(12)}}`)}.${token.split('.').slice(1).join('.')}`
      default: // duplicate a segment
        return `${token}.${token.split('.')[Math.floor(random() * 3)]}`
    }
  }
  const tokens: string[] = []
  for (let i = 0; i < COUNT; i++) {
    const kind = random()
    if (kind < 0.2) tokens.push(randomText(400))
    else if (kind < 0.3)
      tokens.push(`${b64(randomText(40))}.${b64(randomText(80))}.${b64(randomText(40))}`)
    else tokens.push(mutate(mutate(pick(seeds))))
  }
  return tokens
}

describe('fuzz', () => {
  it(`answers ${COUNT} random or mutated tokens with a payload or a VerifyError, and keeps working`, async () => {
    const tokens = fuzzTokens(prng(SEED))
    // A few properly signed tokens with random claims, so the worker side is fuzzed too.
    const random = prng(SEED + 1)
    for (let i = 0; i < 100; i++) {
      const claims = { ...accessClaims(), [`c${i}`]: random() < 0.5 ? null : [random(), `v${i}`] }
      if (random() < 0.3) delete (claims as Record<string, unknown>).exp
      tokens.push(
        signAnyHeader(
          key,
          { alg: 'RS256', kid: 'fuzz-key', typ: 'at+jwt' },
          JSON.stringify(claims),
        ),
      )
    }

    const results = await verifier.verifyMany(tokens)

    expect(results).toHaveLength(tokens.length)
    const codes = new Map<string, number>()
    results.forEach((result, i) => {
      if (result instanceof VerifyError) {
        expect(VERIFY_ERROR_CODES).toContain(result.code)
        expect(['worker_failed', 'closed', 'jwks_unavailable']).not.toContain(result.code)
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1)
      } else {
        expect(typeof result.payload).toBe('object')
        expect(result.payload.iss).toBe(ISSUER)
        expect(tokens[i]!.split('.')).toHaveLength(3)
      }
    })
    expect(codes.get('malformed')).toBeGreaterThan(0)
    expect(codes.get('bad_signature')).toBeGreaterThan(0)

    // Never a dead worker: every thread is the original one, and the pool still verifies.
    const stats = verifier.stats()
    expect(stats.threads).toBe(2)
    expect(stats.workersStarted).toBe(2)
    await expect(
      verifier.verify(await signToken(key, { ...accessClaims(), sub: 'after-fuzz' })),
    ).resolves.toMatchObject({
      payload: { sub: 'after-fuzz' },
    })
  })
})
