import { inspect } from 'node:util'
import { bindDpopKey } from './dpop/token-key.js'
import { decodeJwtPayload } from './jwt-decode.js'
import { redact } from './redact.js'
import type { StoredToken } from './types.js'

/**
 * A token handed to callers. `accessToken` and `authorization` are plain properties (read them
 * freely); `JSON.stringify`, `util.inspect`, `console.log` and `String()` show them redacted.
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
  /** The UNVERIFIED payload when the token is a JWT. */
  readonly claims: Record<string, unknown> | undefined
  /** Ready `Authorization` header value: `Bearer <accessToken>`. */
  readonly authorization: string

  constructor(stored: StoredToken) {
    this.accessToken = stored.accessToken
    this.tokenType = stored.tokenType
    this.expiresAt = stored.expiresAt
    this.issuedAt = stored.issuedAt
    this.scope = stored.scope
    this.claims = decodeJwtPayload(stored.accessToken)
    this.authorization = `${stored.tokenType} ${stored.accessToken}`
    if (stored.dpopKey !== undefined) bindDpopKey(this, stored.dpopKey)
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
