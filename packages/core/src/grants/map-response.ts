import type { TokenResponse } from '../types.js'

/**
 * Maps an RFC 6749 5.1 answer (`access_token`, `token_type`, `expires_in`, `scope`,
 * `refresh_token`, `id_token`) to a TokenResponse. Vendors with other names pass `mapResponse`.
 */
export function mapOAuthResponse(body: unknown): TokenResponse {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  return {
    accessToken: fields.access_token,
    tokenType: fields.token_type,
    expiresIn: fields.expires_in,
    scope: fields.scope,
    refreshToken: fields.refresh_token,
    idToken: fields.id_token,
  }
}
