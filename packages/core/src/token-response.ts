import { InvalidTokenResponseError } from './errors.js'
import { decodeJwtPayload, jwtExpiry } from './jwt-decode.js'
import type { StoredToken, TokenResponse } from './types.js'

/** Longest lifetime we believe: anything above is a bug on the other side (or ms sent as s). */
const MAX_LIFETIME_SECONDS = 366 * 24 * 3600
/** Characters an access token may hold (RFC 6749 A.12 VSCHAR): nothing that breaks a header. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/
const NUMERIC = /^\s*\d+(\.\d+)?\s*$/
/**
 * Shortest lifetime we use (docs/design.md "The lifecycle"): a shorter `expires_in` (0.001) would
 * make every call a token request.
 */
export const MIN_EXPIRES_IN_SECONDS = 1

export interface ValidateTokenOptions {
  vendor: string
  /** When the token request was sent: lifetimes count from here. */
  sentAt: number
  /** Used when the answer has neither expires_in nor a JWT exp. */
  defaultLifetimeSeconds: number
  /** Token types besides Bearer this source may return (e.g. `Basic`). */
  allowedTokenTypes?: readonly string[] | undefined
}

export interface ValidatedToken {
  token: StoredToken
  /** The lifetime is a guess (`defaultLifetimeSeconds`): the caller warns. */
  usedDefaultLifetime: boolean
  /** `expires_in` was below MIN_EXPIRES_IN_SECONDS and was raised to it: the caller warns. */
  flooredExpiresIn: boolean
}

/**
 * `validateTokenResponse`, with what it had to guess reported through `warn`: `default_lifetime`
 * (neither expires_in nor a JWT exp) and `expires_in_floored`. Used by every path that takes a
 * token answer (a fetch, a sign-in's code exchange), so both warn alike.
 *
 * @throws InvalidTokenResponseError
 */
export function acceptTokenResponse(
  response: TokenResponse,
  options: ValidateTokenOptions,
  warn: (code: 'default_lifetime' | 'expires_in_floored', message: string) => void,
): StoredToken {
  const { token, usedDefaultLifetime, flooredExpiresIn } = validateTokenResponse(response, options)
  if (usedDefaultLifetime) {
    const seconds = (token.expiresAt - token.issuedAt) / 1000
    warn('default_lifetime', `token answer has neither expires_in nor exp; assuming ${seconds} s`)
  }
  if (flooredExpiresIn) {
    const floor = MIN_EXPIRES_IN_SECONDS
    warn('expires_in_floored', `token answer has an expires_in below ${floor} s; using ${floor} s`)
  }
  return token
}

/**
 * Checks a token answer and turns it into a StoredToken. Messages never quote the answer:
 * it may hold a token.
 *
 * @throws InvalidTokenResponseError
 */
export function validateTokenResponse(
  response: TokenResponse,
  options: ValidateTokenOptions,
): ValidatedToken {
  const fail = (what: string) =>
    new InvalidTokenResponseError(`token endpoint answer ${what}`, { vendor: options.vendor })
  const { accessToken } = response
  if (typeof accessToken !== 'string' || accessToken.length === 0) throw fail('has no access token')
  if (!TOKEN_CHARS.test(accessToken)) throw fail('has an access token with invalid characters')
  const tokenType = normalizeTokenType(response.tokenType, options.allowedTokenTypes)
  if (tokenType === undefined) throw fail('has a token_type that is not Bearer')

  const parsed = parseExpiresIn(response.expiresIn)
  if (parsed === 'invalid') throw fail('has an invalid expires_in')
  const flooredExpiresIn = parsed !== undefined && parsed < MIN_EXPIRES_IN_SECONDS
  const expiresIn = flooredExpiresIn ? MIN_EXPIRES_IN_SECONDS : parsed
  const jwtExpiresAt = jwtExpiry(decodeJwtPayload(accessToken))
  const byExpiresIn = expiresIn === undefined ? undefined : options.sentAt + expiresIn * 1000
  // The earlier of the two wins: a token is dead when either side says so.
  const known = Math.min(byExpiresIn ?? Infinity, jwtExpiresAt ?? Infinity)
  const usedDefaultLifetime = known === Infinity
  const expiresAt = usedDefaultLifetime
    ? options.sentAt + options.defaultLifetimeSeconds * 1000
    : known
  if (expiresAt <= options.sentAt) throw fail('holds a token that has already expired')

  const token: StoredToken = { accessToken, tokenType, expiresAt, issuedAt: options.sentAt }
  const scope = normalizeScope(response.scope)
  if (scope !== undefined) token.scope = scope
  if (typeof response.refreshToken === 'string' && response.refreshToken.length > 0) {
    token.refreshToken = response.refreshToken
  }
  if (typeof response.idToken === 'string' && response.idToken.length > 0) {
    token.idToken = response.idToken
  }
  if (response.dpopKey !== undefined) token.dpopKey = response.dpopKey
  return { token, usedDefaultLifetime, flooredExpiresIn }
}

/** `bearer` in any casing (or missing) -> `Bearer`; an allowed other type in its given spelling. */
function normalizeTokenType(
  value: unknown,
  allowed: readonly string[] | undefined,
): string | undefined {
  if (value === undefined || value === null) return 'Bearer'
  if (typeof value !== 'string') return undefined
  const lower = value.toLowerCase()
  if (lower === 'bearer') return 'Bearer'
  return allowed?.find((type) => type.toLowerCase() === lower)
}

/** Seconds, from a number or a numeric string; `undefined` when absent. */
function parseExpiresIn(value: unknown): number | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined
  const seconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && NUMERIC.test(value)
        ? Number(value)
        : Number.NaN
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_LIFETIME_SECONDS) return 'invalid'
  return seconds
}

function normalizeScope(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return value.join(' ')
  return undefined
}

/**
 * Checks a StoredToken handed in from outside (`setToken`).
 * @throws InvalidTokenResponseError
 */
export function checkStoredToken(stored: StoredToken, vendor: string): void {
  const { accessToken, tokenType, expiresAt, issuedAt } = stored ?? ({} as StoredToken)
  const fail = (what: string) => new InvalidTokenResponseError(`setToken needs ${what}`, { vendor })
  if (typeof accessToken !== 'string' || !TOKEN_CHARS.test(accessToken))
    throw fail('an accessToken')
  if (typeof tokenType !== 'string' || tokenType === '') throw fail('a tokenType')
  if (!Number.isFinite(expiresAt) || !Number.isFinite(issuedAt) || expiresAt <= issuedAt) {
    throw fail('finite issuedAt < expiresAt')
  }
}
