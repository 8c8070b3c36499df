import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose'
import type { KeyRing } from './keys.js'

/** Signs `payload` (its iat/exp included) with the ring's current key: RS256, `kid`, `typ`. */
export async function signJwt(payload: JWTPayload, ring: KeyRing, typ = 'JWT'): Promise<string> {
  const { kid, privateKey } = await ring.current()
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ }).sign(privateKey)
}

/** What the resource checks besides the signature. */
export interface VerifyExpectations {
  issuer: string
  audience: string
  /** Expected `typ` header (e.g. `at+jwt`); not checked when undefined. */
  typ?: string
  /** Current time (ms epoch). */
  now: number
}

/** A verification outcome: the payload, or why the token is refused. */
export type VerifyOutcome =
  | { ok: true; payload: JWTPayload }
  | { ok: false; reason: 'expired' | 'invalid'; description: string }

/**
 * Verifies an RS256 JWT against the ring's current public key (a token signed with a rotated-out
 * key fails), its issuer, audience, optional `typ` and expiry (no clock tolerance: the emulator
 * is the vendor, it does not forgive).
 */
export async function verifyJwt(
  token: string,
  ring: KeyRing,
  expect: VerifyExpectations,
): Promise<VerifyOutcome> {
  try {
    const key = await ring.current()
    const keyFor = (header: { kid?: string }) => {
      if (header.kid !== key.kid) throw new errors.JWKSNoMatchingKey()
      return key.publicKey
    }
    const { payload } = await jwtVerify(token, keyFor, {
      algorithms: ['RS256'],
      issuer: expect.issuer,
      audience: expect.audience,
      currentDate: new Date(expect.now),
      requiredClaims: ['exp', 'iat', 'sub'],
      ...(expect.typ ? { typ: expect.typ } : {}),
    })
    return { ok: true, payload }
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      return { ok: false, reason: 'expired', description: 'the access token expired' }
    }
    return { ok: false, reason: 'invalid', description: 'the access token is invalid' }
  }
}
