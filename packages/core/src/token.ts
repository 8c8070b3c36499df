import { inspect } from 'node:util'
import { bindDpopKey } from './dpop/token-key.js'
import { decodeJwtPayload } from './jwt-decode.js'
import { redact } from './redact.js'
import type { StoredToken } from './types.js'

/**
 * A token handed to callers. Read `accessToken` and `authorization` freely (`authorization` and
 * `claims` are getters, made on first read: a cached token costs no copy it never needs);
 * `JSON.stringify`, `util.inspect`, `console.log` and `String()` show them redacted.
 */
export class Token {
  /** The token itself. Never log it: log the Token object, which redacts it. */
  readonly accessToken: string
  /** `Bearer` (normalised from any casing), or what a source allows (e.g. `Basic`). */
  readonly tokenType: string
  /** ms since epoch when the token stops being valid. */
  readonly expiresAt: number
  /** ms since epoch when the request for it was sent. */
  readonly issuedAt: number
  readonly scope: string | undefined
  /** The decoded claims, once read (`null`: not a JWT). Decoded lazily: most are never read. */
  #claims: Record<string, unknown> | null | undefined
  /** `authorization`, built on first read and kept (a hit reads it with no allocation). */
  #authorization: string | undefined

  /** @internal The manager makes tokens from stored records; applications receive them. */
  constructor(stored: StoredToken) {
    this.accessToken = stored.accessToken
    this.tokenType = stored.tokenType
    this.expiresAt = stored.expiresAt
    this.issuedAt = stored.issuedAt
    this.scope = stored.scope
    if (stored.dpopKey !== undefined) bindDpopKey(this, stored.dpopKey)
  }

  /** The UNVERIFIED payload when the token is a JWT. */
  get claims(): Record<string, unknown> | undefined {
    if (this.#claims === undefined) this.#claims = decodeJwtPayload(this.accessToken) ?? null
    return this.#claims ?? undefined
  }

  /** Ready `Authorization` header value: `Bearer <accessToken>`. */
  get authorization(): string {
    this.#authorization ??= `${this.tokenType} ${this.accessToken}`
    return this.#authorization
  }

  /** Safe to log: the token and the header are redacted. */
  toJSON(): Record<string, unknown> {
    return {
      tokenType: this.tokenType,
      accessToken: redact(this.accessToken),
      authorization: `${this.tokenType} ${redact(this.accessToken)}`,
      expiresAt: this.expiresAt,
      issuedAt: this.issuedAt,
      scope: this.scope,
      claims: this.claims,
    }
  }

  toString(): string {
    return `Token(${this.tokenType} ${redact(this.accessToken)}, expires ${new Date(this.expiresAt).toISOString()})`
  }

  [inspect.custom](_depth: number, options: object): string {
    return `Token ${inspect(this.toJSON(), options)}`
  }
}
