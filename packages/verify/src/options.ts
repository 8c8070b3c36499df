import { availableParallelism } from 'node:os'
import type { JSONWebKeySet } from 'jose'
import type { ClaimRules } from './protocol.js'

/**
 * A `createVerifier` option that cannot work; the message names the option and what it takes.
 * Still a `TypeError`, with a stable `code` to test for.
 */
export class VerifierOptionsError extends TypeError {
  readonly code = 'invalid_options'
  override readonly name = 'VerifierOptionsError'
}

/** A time source; `Date.now` by default. Core's `Clock` fits. */
export interface VerifierClock {
  now(): number
}

/** Options of {@link createVerifier}. Exactly one of `jwksUri` and `jwks` is required. */
export interface VerifierOptions {
  /** Where the issuer publishes its JWKS; fetched by the main thread only. */
  jwksUri?: string | URL
  /** A fixed key set instead of `jwksUri` (never refetched). */
  jwks?: JSONWebKeySet
  /** Expected `iss` (exact match). */
  issuer: string
  /** Expected `aud` (any of them); when absent, `aud` is not checked. */
  audience?: string | readonly string[]
  /** Allowed JWS algorithms; asymmetric only (`HS*` and `none` are never allowed). Default `['RS256']`. */
  algorithms?: readonly string[]
  /** Leeway for `exp`, `nbf` and `iat`, in seconds. Default 5. */
  clockToleranceSeconds?: number
  /** Claims that must be present. Default `['iss', 'sub', 'exp']`. */
  requiredClaims?: readonly string[]
  /** Reject ID tokens and other non-access JWTs. Default true. */
  accessTokensOnly?: boolean
  /** Client ids of this issuer: a token whose `aud` is one of them is an ID token. */
  clientId?: string | readonly string[]
  /** Worker threads. Default: the number of cores (`os.availableParallelism()`). */
  threads?: number
  /** Cache of verified tokens (until their `exp`, never past it); `false` disables. Default max 10,000. */
  cache?: { max?: number } | false
  /** `fetch` used for the JWKS. Default: the global one. */
  fetch?: typeof globalThis.fetch
  /** JWKS lifetime when the response has no `Cache-Control: max-age`. Default 600,000 (10 min). */
  jwksCacheMaxAgeMs?: number
  /** Timeout of one JWKS request. Default 5,000. */
  jwksTimeoutMs?: number
  /**
   * Largest JWKS response body read, in bytes, however it is sent (chunked or not); a larger one
   * is `jwks_unavailable`. Default 1,048,576 (1 MiB).
   */
  jwksMaxBytes?: number
  /** Least time between two refetches caused by an unknown `kid`. Default 30,000. */
  jwksCooldownMs?: number
  /** Longest accepted token, in characters; longer ones are `too_large` at once. Default 8,192. */
  maxTokenLength?: number
  /** Most tokens sent to a worker in one message. Default 64. */
  maxBatchSize?: number
  /** Time source (tests inject a fake one). */
  clock?: VerifierClock
  /**
   * Testing only: a worker that receives exactly this token ends its thread (`process.exit` in a
   * worker), so tests can prove crashed workers are replaced. Never set it in production.
   * @internal
   */
  unsafeExitWorkerOnToken?: string
}

/** The options with defaults applied and checked. */
export interface ResolvedOptions extends ClaimRules {
  jwksUri: URL | undefined
  jwks: JSONWebKeySet | undefined
  threads: number
  cacheMax: number
  fetch: typeof globalThis.fetch
  jwksCacheMaxAgeMs: number
  jwksTimeoutMs: number
  jwksMaxBytes: number
  jwksCooldownMs: number
  maxTokenLength: number
  maxBatchSize: number
  clock: VerifierClock
  /** @internal */
  unsafeExitWorkerOnToken: string | undefined
}

/** Algorithms with a public key; symmetric ones and `none` can never be allowed here. */
export const SUPPORTED_ALGORITHMS: ReadonlySet<string> = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
])

const list = (value: string | readonly string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? [value] : [...value]

function positive(name: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback
  if (!Number.isFinite(result) || result < 0)
    throw new VerifierOptionsError(`${name} must be a number >= 0`)
  return result
}

/** The JWKS address as a URL; anything but an absolute http(s) URL is refused here, not at fetch time. */
function jwksUrl(value: string | URL): URL {
  const url = URL.canParse(String(value)) ? new URL(value) : undefined
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new VerifierOptionsError(
      'jwksUri must be an absolute http(s) URL, e.g. https://idp.example.com/jwks',
    )
  }
  return url
}

/** Applies defaults and throws a `VerifierOptionsError` for a configuration that cannot work. */
export function resolveOptions(options: VerifierOptions): ResolvedOptions {
  if ((options.jwksUri === undefined) === (options.jwks === undefined)) {
    throw new VerifierOptionsError('createVerifier needs exactly one of jwksUri and jwks')
  }
  if (typeof options.issuer !== 'string' || options.issuer === '') {
    throw new VerifierOptionsError('createVerifier needs an issuer')
  }
  const algorithms = [...(options.algorithms ?? ['RS256'])]
  const unsupported = algorithms.filter((alg) => !SUPPORTED_ALGORITHMS.has(alg))
  if (algorithms.length === 0 || unsupported.length > 0) {
    throw new VerifierOptionsError(
      `algorithms must be asymmetric JWS algorithms; not allowed: ${unsupported}`,
    )
  }
  const threads = Math.floor(positive('threads', options.threads, availableParallelism()))
  return {
    jwksUri: options.jwksUri === undefined ? undefined : jwksUrl(options.jwksUri),
    jwks: options.jwks,
    issuer: options.issuer,
    audience: list(options.audience),
    algorithms,
    clockToleranceSeconds: positive('clockToleranceSeconds', options.clockToleranceSeconds, 5),
    requiredClaims: [...(options.requiredClaims ?? ['iss', 'sub', 'exp'])],
    accessTokensOnly: options.accessTokensOnly ?? true,
    clientIds: list(options.clientId) ?? [],
    threads: Math.max(1, threads),
    cacheMax:
      options.cache === false ? 0 : Math.floor(positive('cache.max', options.cache?.max, 10_000)),
    fetch: options.fetch ?? globalThis.fetch,
    jwksCacheMaxAgeMs: positive('jwksCacheMaxAgeMs', options.jwksCacheMaxAgeMs, 600_000),
    jwksTimeoutMs: positive('jwksTimeoutMs', options.jwksTimeoutMs, 5_000),
    jwksMaxBytes: Math.floor(positive('jwksMaxBytes', options.jwksMaxBytes, 1_048_576)),
    jwksCooldownMs: positive('jwksCooldownMs', options.jwksCooldownMs, 30_000),
    maxTokenLength: positive('maxTokenLength', options.maxTokenLength, 8_192),
    maxBatchSize: Math.max(1, Math.floor(positive('maxBatchSize', options.maxBatchSize, 64))),
    clock: options.clock ?? Date,
    unsafeExitWorkerOnToken: options.unsafeExitWorkerOnToken,
  }
}
