/**
 * The one error class of this package. Every rejection carries a stable `code`, the HTTP `status`
 * an adapter answers with, and ready `headers` (an RFC 6750 `WWW-Authenticate` value). Messages
 * and JSON never contain the token.
 */

/** Stable machine-readable reasons a token is refused (or could not be judged). */
export type VerifyErrorCode =
  | 'malformed'
  | 'alg_not_allowed'
  | 'unknown_kid'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'missing_claim'
  | 'id_token_rejected'
  | 'jwks_unavailable'
  | 'too_large'
  | 'worker_failed'
  | 'closed'

/** Codes that say "we could not judge the token right now" (HTTP 503), not "the token is bad". */
const UNAVAILABLE: ReadonlySet<VerifyErrorCode> = new Set([
  'jwks_unavailable',
  'worker_failed',
  'closed',
])

/** The safe default message per code; a more precise (still token-free) one may be given. */
const MESSAGES: Record<VerifyErrorCode, string> = {
  malformed: 'The token is not a well-formed JWS compact JWT',
  alg_not_allowed: 'The token "alg" is not allowed',
  unknown_kid: 'No key in the key set matches the token "kid"',
  bad_signature: 'The token signature does not verify',
  expired: 'The token expired',
  not_yet_valid: 'The token is not valid yet',
  wrong_issuer: 'The token issuer is not the expected one',
  wrong_audience: 'The token audience is not the expected one',
  missing_claim: 'The token lacks a required claim',
  id_token_rejected: 'The token is not an access token (an ID token or another JWT type)',
  jwks_unavailable: 'The key set (JWKS) could not be obtained',
  too_large: 'The token is larger than the limit',
  worker_failed: 'The verification worker failed',
  closed: 'The verifier is closed',
}

/** Every code, for tables and exhaustive tests (the keys of the message table, which has all). */
export const VERIFY_ERROR_CODES = Object.keys(MESSAGES) as readonly VerifyErrorCode[]

/** `WWW-Authenticate` per RFC 6750 3.1: invalid_token for a judged token, bare `Bearer` otherwise. */
function wwwAuthenticate(code: VerifyErrorCode): string {
  if (UNAVAILABLE.has(code)) return 'Bearer'
  // No detail that helps an attacker; an expired token is worth telling so a client refreshes.
  const description = code === 'expired' ? 'The access token expired' : 'Invalid access token'
  return `Bearer error="invalid_token", error_description="${description}"`
}

/** A token was refused (`status` 401) or could not be verified right now (`status` 503). */
export class VerifyError extends Error {
  /** Stable reason, e.g. `expired`; see {@link VerifyErrorCode}. */
  readonly code: VerifyErrorCode
  /** HTTP status an adapter answers with: 401, or 503 when the verifier could not judge. */
  readonly status: number
  /** Ready HTTP headers: `www-authenticate` (RFC 6750), plus `retry-after` on 503. */
  readonly headers: Readonly<Record<string, string>>

  /**
   * @param code the stable reason
   * @param message a token-free explanation; defaults to a fixed text per code
   * @param options `cause` (kept off `toJSON`)
   * @example throw new VerifyError('expired')
   */
  constructor(code: VerifyErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? MESSAGES[code], options?.cause === undefined ? undefined : options)
    this.name = 'VerifyError'
    this.code = code
    const unavailable = UNAVAILABLE.has(code)
    this.status = unavailable ? 503 : 401
    this.headers = unavailable
      ? { 'www-authenticate': wwwAuthenticate(code), 'retry-after': '5' }
      : { 'www-authenticate': wwwAuthenticate(code) }
  }

  /** Safe to log or send: no cause chain, never the token. */
  toJSON(): { name: string; code: VerifyErrorCode; message: string; status: number } {
    return { name: this.name, code: this.code, message: this.message, status: this.status }
  }
}
