/** What an `Authorization` header holds, as far as a bearer-protected route cares. */
export type BearerHeader =
  | { kind: 'token'; token: string }
  /** No header, or another scheme (e.g. Basic): RFC 6750 3.1 answers without an error code. */
  | { kind: 'missing' }
  /** `Bearer` with nothing usable after it. */
  | { kind: 'malformed' }

// RFC 6750 2.1: "Bearer" 1*SP b64token, the scheme case-insensitive (RFC 9110 11.1).
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i
const SCHEME = /^Bearer(?: |$)/i

/**
 * Reads the bearer token of an `Authorization` header (RFC 6750 2.1). Tokens in the query string
 * or the body are not accepted.
 *
 * @param header - the raw header value, e.g. `req.headers.authorization`.
 * @example
 * ```ts
 * parseBearerHeader('Bearer eyJhbGci...') // { kind: 'token', token: 'eyJhbGci...' }
 * parseBearerHeader('Basic dXNlcjpwdw==') // { kind: 'missing' }
 * ```
 */
export function parseBearerHeader(header: string | undefined): BearerHeader {
  if (header === undefined || header === '') return { kind: 'missing' }
  const match = BEARER.exec(header)
  if (match !== null) return { kind: 'token', token: match[1]! }
  return SCHEME.test(header) ? { kind: 'malformed' } : { kind: 'missing' }
}
