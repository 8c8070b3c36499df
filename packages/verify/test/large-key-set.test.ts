import { generateKeyPairSync, sign } from 'node:crypto'
import { createVerifier } from '@vendor-token/verify'
import type { JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { resolveKeys } from '../src/keys.js'
import { accessClaims, b64, ISSUER } from './support/keys.js'

/** 2,000 RSA keys (one modulus under 2,000 kids: generating 2,000 RSA keys would take minutes). */
function largeKeySet(count: number) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = publicKey.export({ format: 'jwk' }) as JWK
  const keys = Array.from({ length: count }, (_, i) => ({
    ...jwk,
    kid: `k${i}`,
    alg: 'RS256',
    use: 'sig',
  }))
  return { keys, privateKey }
}

/** Counts the event loop's turns (a self-renewing setImmediate) until stopped. */
function countTurns() {
  let turns = 0
  let running = true
  const tick = () => {
    turns++
    if (running) setImmediate(tick)
  }
  setImmediate(tick)
  return () => {
    running = false
    return turns
  }
}

describe('a large JWKS does not block the event loop', () => {
  it('2,000 keys are resolved in slices: the loop gets a turn at least every 16 lookups', async () => {
    const { keys } = largeKeySet(2_000)
    const stop = countTurns()
    const resolved = await resolveKeys({ keys }, ['RS256'])
    const turns = stop()
    expect(resolved.get('RS256')?.size).toBe(2_000)
    // 2,000 kid lookups alone need 125 slices of 16; blocking code would give the loop no turn.
    expect(turns).toBeGreaterThanOrEqual(2_000 / 16)
  })

  it('a verifier with a 2,000-key set verifies a token signed with the last key', async () => {
    const { keys, privateKey } = largeKeySet(2_000)
    const verifier = createVerifier({ jwks: { keys }, issuer: ISSUER, threads: 1 })
    try {
      const input = `${b64(JSON.stringify({ alg: 'RS256', kid: 'k1999', typ: 'at+jwt' }))}.${b64(JSON.stringify(accessClaims()))}`
      const token = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
      await expect(verifier.verify(token)).resolves.toMatchObject({ payload: { iss: ISSUER } })
    } finally {
      await verifier.close()
    }
  })
})
