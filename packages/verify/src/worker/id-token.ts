import type { JWSHeaderParameters, JWTPayload } from 'jose'

/** Claims only an OpenID Connect ID token carries (OIDC Core 2, 3.3.2.11). */
const ID_TOKEN_CLAIMS = ['nonce', 'at_hash', 'c_hash', 's_hash']

const audiences = (aud: unknown): unknown[] =>
  typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : []

/**
 * Tells an ID token from an access token: `typ: at+jwt` (RFC 9068) marks an access token;
 * otherwise ID-token-only claims (`nonce`, `at_hash`, ...), an audience that is the authorized
 * party (`aud` contains `azp`: the token was issued to the client itself), or an audience that
 * is one of the issuer's known client ids mark an ID token.
 */
export function looksLikeIdToken(
  header: JWSHeaderParameters,
  payload: JWTPayload,
  clientIds: readonly string[],
): boolean {
  if (typeof header.typ === 'string' && /^(application\/)?at\+jwt$/i.test(header.typ)) return false
  if (ID_TOKEN_CLAIMS.some((claim) => Object.hasOwn(payload, claim))) return true
  const aud = audiences(payload.aud)
  if (typeof payload.azp === 'string' && aud.includes(payload.azp)) return true
  return aud.some((value) => typeof value === 'string' && clientIds.includes(value))
}
