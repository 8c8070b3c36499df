import { Token } from './token.js'
import type { StoredToken } from './types.js'

/**
 * What `manager.handleCallback` returns: the user's new token, and where the user wanted to go
 * (`returnTo` given to `authorizationUrl`, already checked to be a path on this site).
 * Logs and JSON show it redacted like any Token.
 */
export class SignedInToken extends Token {
  /** The `returnTo` of the sign-in, if one was given. */
  readonly returnTo: string | undefined

  constructor(stored: StoredToken, returnTo: string | undefined) {
    super(stored)
    this.returnTo = returnTo
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), returnTo: this.returnTo }
  }
}
