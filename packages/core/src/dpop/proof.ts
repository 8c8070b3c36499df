import { createHash, randomBytes } from 'node:crypto'
import { type SigningKey, signJws } from '../grants/signing-key.js'

/** What one DPoP proof is about (RFC 9449 4.2). */
export interface ProofClaims {
  /** HTTP method of the request. */
  htm: string
  /** Target URI; query and fragment are dropped here. */
  htu: string | URL
  /** ms since epoch. */
  now: number
  /** The server's latest DPoP-Nonce for this origin, if any. */
  nonce?: string | undefined
  /** With an access token (resource requests): `ath` = base64url(SHA-256(token)). */
  accessToken?: string | undefined
}

/**
 * A DPoP proof JWT (RFC 9449 4.2): header `typ: dpop+jwt`, `alg`, the public `jwk`; claims
 * `jti` (random), `htm`, `htu`, `iat`, and `nonce` / `ath` when given. Secret-ish: never logged.
 */
export function createDpopProof(key: SigningKey, claims: ProofClaims): string {
  const htu = new URL(claims.htu)
  htu.search = ''
  htu.hash = ''
  const payload: Record<string, unknown> = {
    jti: randomBytes(16).toString('base64url'),
    htm: claims.htm.toUpperCase(),
    htu: htu.href,
    iat: Math.floor(claims.now / 1000),
  }
  if (claims.nonce !== undefined) payload.nonce = claims.nonce
  if (claims.accessToken !== undefined) payload.ath = accessTokenHash(claims.accessToken)
  return signJws({ typ: 'dpop+jwt', jwk: key.publicJwk }, payload, key)
}

/** RFC 9449 4.2 `ath`: base64url of the SHA-256 of the ASCII access token. */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest('base64url')
}
