import { createHmac } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SharedKeySet, WorkerSettings } from '../src/protocol.js'
import { TokenVerifier } from '../src/worker/token-verifier.js'
import { accessClaims, b64, ISSUER, makeKey, signToken, type TestKey } from './support/keys.js'

// The main thread's pre-check refuses a disallowed `alg` before any worker sees the token, so
// the worker's own check (defence in depth) is driven here directly, as a worker runs it.

const settings: WorkerSettings = {
  issuer: ISSUER,
  audience: undefined,
  algorithms: ['RS256'],
  clockToleranceSeconds: 5,
  requiredClaims: ['iss', 'sub', 'exp'],
  accessTokensOnly: true,
  clientIds: [],
  exitOnToken: undefined,
}

function sharedKeySet(keys: object[], version: number): SharedKeySet {
  const bytes = Buffer.from(JSON.stringify({ keys }))
  const buffer = new SharedArrayBuffer(bytes.length)
  new Uint8Array(buffer).set(bytes)
  return { version, buffer }
}

let rsa: TestKey
let ps: TestKey
let verifier: TokenVerifier

beforeAll(async () => {
  rsa = await makeKey('rsa')
  ps = await makeKey('ps', 'PS256')
  verifier = new TokenVerifier(settings)
  await verifier.useKeys(sharedKeySet([rsa.jwk, { ...ps.jwk, alg: undefined }], 1))
})

/** The worker's outcome for one token: the payload, or the encoded refusal. */
const outcome = (token: string): unknown =>
  JSON.parse(verifier.verify(token, verifier.context(Date.now())))

describe('worker: alg allow-list', () => {
  it('verifies an allowed alg (the control case)', async () => {
    const token = await signToken(rsa)
    expect(outcome(token)).toMatchObject({ iss: ISSUER })
  })

  it('refuses a validly signed token whose alg is not allowed, although its key is in the set', async () => {
    // PS256 with a key the JWKS offers for any RSA alg: only the allow-list stands in the way.
    const token = await signToken(ps)
    expect(outcome(token)).toBe('alg_not_allowed')
  })

  it('refuses HS256 signed with the public key as the HMAC secret (key confusion)', () => {
    const input = `${b64(JSON.stringify({ alg: 'HS256', kid: 'rsa' }))}.${b64(JSON.stringify(accessClaims()))}`
    const secret = JSON.stringify(rsa.jwk)
    const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
    expect(outcome(token)).toBe('alg_not_allowed')
  })

  it('refuses alg none', () => {
    const token = `${b64('{"alg":"none"}')}.${b64(JSON.stringify(accessClaims()))}.`
    expect(outcome(token)).toBe('alg_not_allowed')
  })
})
