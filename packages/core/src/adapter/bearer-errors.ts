import { VendorTokenError, type VendorTokenErrorOptions } from '../errors.js'
import { bearerChallenge } from './www-authenticate.js'

type BearerErrorOptions = Omit<VendorTokenErrorOptions, 'headers'> & { realm?: string | undefined }

/** Realm only when one was configured (exactOptionalPropertyTypes-safe). */
const withRealm = (realm: string | undefined) => (realm === undefined ? {} : { realm })

/**
 * A bearer-protected route got no bearer token (no `Authorization` header, or another scheme).
 * 401 with a bare `Bearer` challenge: RFC 6750 3.1 says not to send an error code then.
 */
export class BearerTokenMissingError extends VendorTokenError {
  static override readonly code: string = 'missing_token'
  override readonly code: string = BearerTokenMissingError.code
  override readonly status = 401

  constructor(options: BearerErrorOptions = {}) {
    super('A bearer access token is required', {
      ...options,
      headers: { 'www-authenticate': bearerChallenge(withRealm(options.realm)) },
    })
  }
}

/**
 * The bearer token is malformed, expired, wrongly signed, for another issuer or audience, or an
 * ID token. 401 `invalid_token`; which of these it was stays in `cause` (never sent to the caller).
 */
export class InvalidBearerTokenError extends VendorTokenError {
  static override readonly code: string = 'invalid_token'
  override readonly code: string = InvalidBearerTokenError.code
  override readonly status = 401

  constructor(options: BearerErrorOptions = {}) {
    super('The access token is invalid', {
      ...options,
      headers: {
        'www-authenticate': bearerChallenge({
          ...withRealm(options.realm),
          error: 'invalid_token',
        }),
      },
    })
  }
}

/** The token is valid but lacks a scope the route needs. 403 `insufficient_scope` (RFC 6750 3.1). */
export class InsufficientScopeError extends VendorTokenError {
  static override readonly code: string = 'insufficient_scope'
  override readonly code: string = InsufficientScopeError.code
  override readonly status = 403
  /** Every scope the route needs (also sent in the challenge's `scope`). */
  readonly requiredScopes: readonly string[]

  constructor(requiredScopes: readonly string[], options: BearerErrorOptions = {}) {
    super('The access token lacks a required scope', {
      ...options,
      headers: {
        'www-authenticate': bearerChallenge({
          ...withRealm(options.realm),
          error: 'insufficient_scope',
          scope: requiredScopes,
        }),
      },
    })
    this.requiredScopes = requiredScopes
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), requiredScopes: this.requiredScopes }
  }
}

/**
 * Tokens cannot be checked right now (the issuer's JWKS is unreachable). 503 with `Retry-After`,
 * so callers retry instead of treating their token as bad.
 */
export class BearerVerifierUnavailableError extends VendorTokenError {
  static override readonly code: string = 'verifier_unavailable'
  override readonly code: string = BearerVerifierUnavailableError.code
  override readonly status = 503

  constructor(options: BearerErrorOptions & { retryAfterSeconds?: number | undefined } = {}) {
    const retryAfter = Math.max(1, Math.ceil(options.retryAfterSeconds ?? 5))
    super('Access tokens cannot be verified right now', {
      ...options,
      headers: {
        'retry-after': String(retryAfter),
        'www-authenticate': bearerChallenge(withRealm(options.realm)),
      },
    })
  }
}
