/** Larger "JWTs" are not decoded: claims are a convenience, not worth a big allocation. */
const MAX_JWT_LENGTH = 16_384

/**
 * Decodes the payload of a JWT WITHOUT verifying it (use `@vendor-token/verify` for that).
 * Returns `undefined` for anything that is not a JWS compact serialization with a JSON object
 * payload (opaque tokens are fine: they just have no claims).
 *
 * @param token an access token
 */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  if (token.length > MAX_JWT_LENGTH) return undefined
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) return undefined
  try {
    const json = Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8')
    const payload: unknown = JSON.parse(json)
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined
    return payload as Record<string, unknown>
  } catch {
    return undefined
  }
}

/** The `exp` claim in ms since epoch, when it is a usable number. */
export function jwtExpiry(claims: Record<string, unknown> | undefined): number | undefined {
  const exp = claims?.exp
  return typeof exp === 'number' && Number.isFinite(exp) && exp > 0 ? exp * 1000 : undefined
}
