import { ConfigurationError } from '../errors.js'
import {
  BearerTokenMissingError,
  BearerVerifierUnavailableError,
  InsufficientScopeError,
  InvalidBearerTokenError,
} from './bearer-errors.js'
import { parseBearerHeader } from './bearer-header.js'
import type { FailureOptions } from './failure-handling.js'
import { grantedScopes, requiredScopes } from './scopes.js'

/**
 * Anything that verifies a JWT access token, e.g. `createVerifier(...)` of @vendor-token/verify.
 * Its errors carry `status` (401, or 503 when the key set is unreachable) and may carry `headers`.
 */
export interface BearerVerifier {
  verify(token: string): Promise<{ payload: Record<string, unknown> }>
}

/** Verified claims of a bearer token (RFC 7519 / RFC 9068 names; any other claim is `unknown`). */
export interface BearerClaims {
  iss?: string
  sub?: string
  aud?: string | string[]
  exp?: number
  nbf?: number
  iat?: number
  jti?: string
  client_id?: string
  scope?: string
  scp?: string | string[]
  [claim: string]: unknown
}

/** What `requireBearer` attaches as `req.auth` / `ctx.state.auth`. Holds no token. */
export interface BearerAuth {
  /** The verified JWT claims. */
  payload: BearerClaims
  /** Scopes granted by `scope` and `scp`, without repeats. */
  scopes: readonly string[]
}

/** Options of `requireBearer(verifier, options)` in every adapter. */
export interface RequireBearerOptions extends FailureOptions {
  /** Scopes every request needs (all of them), as a list or space-separated. */
  scopes?: string | readonly string[]
  /** Optional `realm` in the `WWW-Authenticate` challenge. */
  realm?: string
}

/**
 * Builds the check both adapters run for `requireBearer`: header -> token -> verifier -> scopes.
 * Rejects with `BearerTokenMissingError` (401), `InvalidBearerTokenError` (401),
 * `InsufficientScopeError` (403) or `BearerVerifierUnavailableError` (503); each carries its
 * RFC 6750 `WWW-Authenticate` header and is answered with `toHttpAnswer`.
 *
 * @param verifier - e.g. `createVerifier({ jwksUri, issuer })`.
 * @param options - required `scopes`, `realm`.
 * @throws ConfigurationError at once when the verifier or scopes are not usable.
 * @example
 * ```ts
 * const authenticate = createBearerAuthenticator(verifier, { scopes: ['clients:read'] })
 * const auth = await authenticate(req.headers.authorization) // { payload, scopes }
 * ```
 */
export function createBearerAuthenticator(
  verifier: BearerVerifier,
  options: RequireBearerOptions = {},
): (authorization: string | undefined) => Promise<BearerAuth> {
  if (typeof verifier?.verify !== 'function') {
    throw new ConfigurationError('requireBearer() needs a verifier with a verify(token) method')
  }
  const required = requiredScopes(options.scopes)
  const { realm } = options

  return async (authorization) => {
    const header = parseBearerHeader(authorization)
    if (header.kind === 'missing') throw new BearerTokenMissingError({ realm })
    if (header.kind === 'malformed') throw new InvalidBearerTokenError({ realm })

    let payload: BearerClaims
    try {
      payload = (await verifier.verify(header.token)).payload
    } catch (error) {
      throw fromVerifierError(error, realm)
    }
    const scopes = grantedScopes(payload)
    if (required.some((scope) => !scopes.includes(scope))) {
      throw new InsufficientScopeError(required, { realm })
    }
    return { payload, scopes }
  }
}

/**
 * A verifier's 503 stays 503 (retry later) and its 4xx is an invalid token. Anything without a
 * status is a fault in the verifier, not in the token: it goes on as is (answered 500).
 */
function fromVerifierError(error: unknown, realm: string | undefined): unknown {
  const status = (error as { status?: unknown } | null)?.status
  if (typeof status !== 'number') return error
  if (status >= 500) {
    const retryAfter = Number(
      (error as { headers?: Record<string, unknown> }).headers?.['retry-after'],
    )
    return new BearerVerifierUnavailableError({
      realm,
      cause: error,
      retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
    })
  }
  return new InvalidBearerTokenError({ realm, cause: error })
}
