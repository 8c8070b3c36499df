import { AuthorizationCallbackError } from '../errors.js'
import { decodeJwtPayload } from '../jwt-decode.js'

/** What the ID token of a code exchange must say. */
export interface ExpectedIdToken {
  vendor: string
  /** The nonce sent in the authorization request (openid). */
  nonce: string | undefined
  /** The issuer, when known (discovery). */
  issuer: string | undefined
  clientId: string
}

/**
 * Checks the ID token of a code exchange (OIDC Core 3.1.3.7): the nonce of this sign-in, our
 * client in `aud`, the issuer. Its signature is not checked: it came straight from the token
 * endpoint over TLS (3.1.3.7 step 6), and only the access token is used for API calls.
 *
 * @throws AuthorizationCallbackError `id_token_invalid` (the message never quotes the token)
 */
export function checkIdToken(idToken: unknown, expected: ExpectedIdToken): void {
  if (idToken === undefined || idToken === null) return
  const fail = (why: string) =>
    new AuthorizationCallbackError(`the ID token ${why}`, {
      vendor: expected.vendor,
      reason: 'id_token_invalid',
    })
  const claims = typeof idToken === 'string' ? decodeJwtPayload(idToken) : undefined
  if (claims === undefined) throw fail('is not a JWT')
  if (expected.nonce !== undefined && claims.nonce !== expected.nonce) {
    throw fail('does not carry the nonce of this sign-in')
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  if (!audience.includes(expected.clientId)) throw fail('is not for this client')
  if (expected.issuer !== undefined && claims.iss !== expected.issuer) {
    throw fail('comes from another issuer')
  }
}
