/** Parameters of a `WWW-Authenticate: Bearer` challenge (RFC 6750 3). */
export interface BearerChallenge {
  realm?: string
  /** `invalid_request`, `invalid_token` or `insufficient_scope`; left out when no credentials came. */
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope'
  /** The scopes the resource needs (with `insufficient_scope`). */
  scope?: readonly string[]
}

/**
 * Formats a `WWW-Authenticate` value for bearer-token errors (RFC 6750 3). Deliberately has no
 * `error_description`: the reason a token failed is logged, not told to the caller.
 *
 * @example
 * ```ts
 * bearerChallenge({ error: 'insufficient_scope', scope: ['clients:read'] })
 * // 'Bearer error="insufficient_scope", scope="clients:read"'
 * ```
 */
export function bearerChallenge(challenge: BearerChallenge = {}): string {
  const params: string[] = []
  if (challenge.realm !== undefined) params.push(`realm=${quote(challenge.realm)}`)
  if (challenge.error !== undefined) params.push(`error="${challenge.error}"`)
  if (challenge.scope !== undefined && challenge.scope.length > 0) {
    params.push(`scope=${quote(challenge.scope.join(' '))}`)
  }
  return params.length === 0 ? 'Bearer' : `Bearer ${params.join(', ')}`
}

// RFC 9110 5.6.4 quoted-string: escape backslash and double quote; drop control characters.
function quote(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return `"${value.replace(/[\x00-\x1f\x7f]/g, '').replace(/["\\]/g, '\\$&')}"`
}
