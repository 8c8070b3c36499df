/**
 * Typed errors. Every error has a stable `code`, the HTTP `status` an adapter should answer with,
 * ready `headers`, and a `cause`. Messages and JSON never contain a secret or a token.
 */

export interface VendorTokenErrorOptions {
  vendor?: string
  cause?: unknown
  /** Extra HTTP headers for an adapter's answer (e.g. Retry-After). */
  headers?: Record<string, string>
}

/** Base class of every error this library throws. */
export class VendorTokenError extends Error {
  /** Stable machine-readable code; subclasses override. */
  static readonly code: string = 'vendor_token_error'
  readonly code: string = VendorTokenError.code
  /** HTTP status an adapter answers with when this error reaches a request. */
  readonly status: number = 500
  readonly headers: Record<string, string>
  readonly vendor: string | undefined

  constructor(message: string, options: VendorTokenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.vendor = options.vendor
    this.headers = options.headers ?? {}
  }

  /** Same as `status`: the name Express's finalhandler and http-errors also read. */
  get statusCode(): number {
    return this.status
  }

  /** Whether the message may be shown to the caller (http-errors' rule: 4xx only); Koa reads it. */
  get expose(): boolean {
    return this.status < 500
  }

  /** Safe to log or send: no cause chain (it may hold request details), no secrets. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      vendor: this.vendor,
      status: this.status,
    }
  }
}

/** Bad configuration, found at `register` before any request. */
export class ConfigurationError extends VendorTokenError {
  static override readonly code: string = 'configuration'
  override readonly code: string = ConfigurationError.code
}

/** `getToken` params that the vendor cannot take (e.g. `firmIds: ['x']`); no request was sent. */
export class InvalidParamsError extends VendorTokenError {
  static override readonly code: string = 'invalid_params'
  override readonly code: string = InvalidParamsError.code
  override readonly status = 400
}

/** No source is registered under that vendor name. */
export class UnknownVendorError extends ConfigurationError {
  static override readonly code: string = 'unknown_vendor'
  override readonly code: string = UnknownVendorError.code
}

/**
 * An UnknownVendorError whose message names the vendor and the registered ones (vendor names are
 * not secret).
 *
 * @example
 * ```ts
 * unknownVendor('nope', ['bridgeft']).message
 * // 'no source is registered for vendor "nope" (registered: "bridgeft")'
 * ```
 */
export function unknownVendor(vendor: string, registered: Iterable<string>): UnknownVendorError {
  const names = [...registered].map((name) => JSON.stringify(name))
  const known = names.length === 0 ? 'none is registered yet' : `registered: ${names.join(', ')}`
  return new UnknownVendorError(
    `no source is registered for vendor ${JSON.stringify(String(vendor))} (${known})`,
    { vendor },
  )
}

/** The token endpoint refused the credentials or the request (400/401 OAuth error); not retried. */
export class TokenRequestRejectedError extends VendorTokenError {
  static override readonly code: string = 'token_rejected'
  override readonly code: string = TokenRequestRejectedError.code
  override readonly status = 502
  /** HTTP status the token endpoint answered with. */
  readonly httpStatus: number
  /** RFC 6749 5.2 `error`, e.g. `invalid_client`. */
  readonly oauthError: string | undefined

  constructor(
    message: string,
    options: VendorTokenErrorOptions & { httpStatus: number; oauthError?: string | undefined },
  ) {
    super(message, options)
    this.httpStatus = options.httpStatus
    this.oauthError = options.oauthError
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), httpStatus: this.httpStatus, oauthError: this.oauthError }
  }
}

/** The token endpoint is down: network error, 5xx or 429 after the retries. Transient. */
export class TokenEndpointUnavailableError extends VendorTokenError {
  static override readonly code: string = 'endpoint_unavailable'
  override readonly code: string = TokenEndpointUnavailableError.code
  override readonly status = 503
  /** HTTP status of the last answer, if there was one. */
  readonly httpStatus: number | undefined
  /** Server-suggested wait (Retry-After), in ms. */
  readonly retryAfterMs: number | undefined

  constructor(
    message: string,
    options: VendorTokenErrorOptions & {
      httpStatus?: number | undefined
      retryAfterMs?: number | undefined
    } = {},
  ) {
    const retryAfterSeconds = Math.max(1, Math.ceil((options.retryAfterMs ?? 5_000) / 1000))
    super(message, {
      ...options,
      headers: { 'retry-after': String(retryAfterSeconds), ...options.headers },
    })
    this.httpStatus = options.httpStatus
    this.retryAfterMs = options.retryAfterMs
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), httpStatus: this.httpStatus, retryAfterMs: this.retryAfterMs }
  }
}

/** A token request took longer than `timeoutMs`. */
export class TokenRequestTimeoutError extends TokenEndpointUnavailableError {
  static override readonly code: string = 'timeout'
  override readonly code: string = TokenRequestTimeoutError.code
}

/** OIDC / RFC 8414 discovery failed (retried with backoff on later calls, not cached). */
export class DiscoveryError extends TokenEndpointUnavailableError {
  static override readonly code: string = 'discovery_failed'
  override readonly code: string = DiscoveryError.code
}

/** The token endpoint answered 2xx with something that is not a usable token. */
export class InvalidTokenResponseError extends VendorTokenError {
  static override readonly code: string = 'invalid_response'
  override readonly code: string = InvalidTokenResponseError.code
  override readonly status = 502
}

/** A user (authorization-code) token was asked for, but the user has not signed in (or was signed out). */
export class NotSignedInError extends VendorTokenError {
  static override readonly code: string = 'not_signed_in'
  override readonly code: string = NotSignedInError.code
  override readonly status = 401
}

/**
 * A signed-in user's session ended: the access token expired and there is no refresh token, or
 * the provider refused it (`invalid_grant`: expired, revoked or already used; the provider's
 * answer is the `cause`). The user must sign in again. A NotSignedInError, so handlers of that
 * (adapters redirect pages to the login route and answer APIs 401) treat it the same way.
 */
export class ReauthenticationRequiredError extends NotSignedInError {
  static override readonly code: string = 'reauthentication_required'
  override readonly code: string = ReauthenticationRequiredError.code
}

/** An authorization callback that must not be honoured (state missing, unknown, reused, expired; provider error). */
export class AuthorizationCallbackError extends VendorTokenError {
  static override readonly code: string = 'callback_rejected'
  override readonly code: string = AuthorizationCallbackError.code
  override readonly status = 400
  /**
   * Why: `state_missing`, `state_unknown` (never issued, or already used), `state_expired`,
   * `state_user_mismatch`, `provider_error` (e.g. the user denied access), `code_missing`,
   * `issuer_mismatch` (RFC 9207 `iss`), `code_rejected` (the provider refused the code),
   * `id_token_invalid` (wrong nonce, audience or issuer), `session_missing` (no user key).
   */
  readonly reason: string

  constructor(message: string, options: VendorTokenErrorOptions & { reason: string }) {
    super(message, options)
    this.reason = options.reason
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason }
  }
}

/** The manager was closed; no further tokens are handed out. */
export class ManagerClosedError extends VendorTokenError {
  static override readonly code: string = 'closed'
  override readonly code: string = ManagerClosedError.code
  override readonly status = 503
}
