import { createHash, randomBytes } from 'node:crypto'
import { InvalidParamsError } from './errors.js'

/** RFC 7636 4.1: code-verifier = 43*128unreserved. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

/** A PKCE pair. Only S256 is ever offered: `plain` would send the verifier itself. */
export interface Pkce {
  /** Kept server-side until the callback; sent only to the token endpoint. */
  verifier: string
  /** BASE64URL(SHA256(verifier)), sent in the authorization request. */
  challenge: string
  method: 'S256'
}

/**
 * A fresh PKCE (RFC 7636) pair: a 64-character verifier from 48 random bytes and its S256
 * challenge.
 *
 * @example
 * const { verifier, challenge } = createPkce() // challenge goes to /authorize, verifier to /token
 */
export function createPkce(): Pkce {
  const verifier = randomBytes(48).toString('base64url')
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' }
}

/**
 * The S256 challenge of `verifier`.
 *
 * @param verifier 43 to 128 characters of `[A-Za-z0-9-._~]`
 * @throws InvalidParamsError for a verifier RFC 7636 does not allow
 */
export function pkceChallenge(verifier: string): string {
  if (typeof verifier !== 'string' || !VERIFIER.test(verifier)) {
    throw new InvalidParamsError('a PKCE code verifier must be 43 to 128 unreserved characters')
  }
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}
