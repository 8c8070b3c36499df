import type { StoredToken, TokenRequestContext, TokenResponse, TokenSource } from '../types.js'

/** What a user source gets for one step of a sign-in (no params, no held token). */
export type SignInStepContext = Pick<
  TokenRequestContext,
  'vendor' | 'fetch' | 'signal' | 'clock' | 'logger'
>

/** A prepared authorization request: the URL and the secrets the callback will need. */
export interface PreparedAuthorization {
  /** Where to send the user (authorization endpoint with every parameter). */
  url: string
  /** PKCE code verifier (S256), kept server-side until the callback. */
  verifier: string
  /** OpenID nonce, when `openid` is requested. */
  nonce?: string
}

/** A callback that passed the manager's checks (state, user, provider error, code present). */
export interface AuthorizationCallback {
  code: string
  /** RFC 9207 `iss` of the callback, when the provider sent one. */
  iss: string | undefined
  verifier: string
  nonce: string | undefined
}

/**
 * A TokenSource for signed-in users (authorization code grant), e.g. `authorizationCode(...)`
 * or `wealthcom.user(...)`. Its `requestToken` refreshes with `previous.refreshToken` and throws
 * NotSignedInError when there is none or the provider refuses it.
 *
 * The source only talks to the provider; the manager owns the sign-in around it (the state in
 * its store, the user checks, the tokens): `manager.authorizationUrl` calls
 * `prepareAuthorization`, `manager.handleCallback` calls `exchangeCode`, and `manager.signOut`
 * forgets the user's tokens and then calls `revoke`.
 */
export interface UserTokenSource extends TokenSource {
  /** Builds the authorization request for `state` (PKCE S256, nonce where openid is asked). */
  prepareAuthorization(state: string, context: SignInStepContext): Promise<PreparedAuthorization>
  /**
   * Exchanges the code (with the verifier and the client's authentication) and checks the ID
   * token's nonce.
   * @throws AuthorizationCallbackError (`issuer_mismatch`, `code_rejected`, `id_token_invalid`)
   *   or the typed token endpoint errors
   */
  exchangeCode(callback: AuthorizationCallback, context: SignInStepContext): Promise<TokenResponse>
  /**
   * Revokes the refresh token (RFC 7009) where the provider offers it. Forgets nothing: that is
   * `manager.signOut`'s part.
   * @returns whether a revocation was accepted
   */
  revoke(token: StoredToken, context: SignInStepContext): Promise<boolean>
}

/** Whether `source` can sign users in. */
export function isUserTokenSource(source: TokenSource | undefined): source is UserTokenSource {
  const candidate = source as Partial<UserTokenSource> | undefined
  return (
    typeof candidate?.prepareAuthorization === 'function' &&
    typeof candidate.exchangeCode === 'function' &&
    typeof candidate.revoke === 'function'
  )
}

/**
 * A source written against the UserTokenSource of core 0.1 (`authorizationUrl`,
 * `handleCallback`, `signOut`): named in the error, so the rename is found at once.
 */
export function hasPreviousUserSourceNames(source: TokenSource | undefined): boolean {
  const candidate = source as Record<string, unknown> | undefined
  return (
    typeof candidate?.authorizationUrl === 'function' &&
    typeof candidate.handleCallback === 'function' &&
    typeof candidate.signOut === 'function'
  )
}
