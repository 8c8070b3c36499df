import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { createDpopSender, type DpopSender } from '../dpop/dpop-sender.js'
import { InvalidParamsError, NotSignedInError, ReauthenticationRequiredError } from '../errors.js'
import { createPkce } from '../pkce.js'
import type {
  SenderConstraint,
  StoredToken,
  TokenParams,
  TokenRequestContext,
  TokenResponse,
} from '../types.js'
import type {
  AuthorizationCallback,
  PreparedAuthorization,
  SignInStepContext,
  UserTokenSource,
} from '../user-source.js'
import {
  type AuthorizationCodeOptions,
  checkAuthorizationCodeOptions,
} from './authorization-code-options.js'
import { createClientAuth } from './client-auth-options.js'
import { exchangeCode } from './code-exchange.js'
import type { OAuthClient } from './oauth-client.js'
import { type OAuthEndpoints, resolveEndpoints } from './oauth-endpoints.js'
import { refreshTokens } from './refresh-token.js'
import { revokeToken } from './revocation.js'
import { SourceSender } from './source-sender.js'

/**
 * The authorization code grant with PKCE S256 (RFC 6749 4.1, RFC 7636) for users who sign in,
 * as a TokenSource: register it, then use `manager.authorizationUrl`, `handleCallback`,
 * `getToken(vendor, { user })` (refresh_token grant with rotation) and `signOut`.
 * Secrets and tokens stay inside: logging the source shows only its public settings.
 *
 * @example
 * manager.register('acme', authorizationCode({ issuer, clientId, redirectUri, scopes: ['openid', 'offline_access'] }))
 */
export function authorizationCode(options: AuthorizationCodeOptions): UserTokenSource {
  return new AuthorizationCodeSource(options)
}

class AuthorizationCodeSource implements UserTokenSource {
  readonly kind = 'authorization_code'
  readonly #options: AuthorizationCodeOptions
  #client: OAuthClient
  #allowInsecureHttp = false
  #dpop: DpopSender | undefined
  readonly allowedTokenTypes?: readonly string[]
  readonly sender?: SenderConstraint

  constructor(options: AuthorizationCodeOptions) {
    this.#options = { ...options }
    if (options.dpop !== undefined && options.dpop !== false) this.allowedTokenTypes = ['DPoP']
    if (this.allowedTokenTypes !== undefined || options.tls !== undefined) {
      this.sender = new SourceSender(
        () => this.#dpop,
        () => this.#client.tls,
      )
    }
    const { clientId, clientSecret, auth } = options
    this.#client = { clientId, clientSecret, auth }
  }

  validate(vendor: string, settings: { allowInsecureHttp: boolean }): void {
    checkAuthorizationCodeOptions(this.#options, vendor, settings.allowInsecureHttp)
    this.#client = userClient(this.#options, vendor)
    this.#dpop = createDpopSender(this.#options.dpop, vendor)
    this.#allowInsecureHttp = settings.allowInsecureHttp
  }

  /** Tokens are per user: `user` is required, nothing else is taken. */
  normalizeParams(params: TokenParams, vendor: string): TokenParams {
    for (const [name, value] of Object.entries(params)) {
      if (name !== 'user' && value !== undefined) {
        throw new InvalidParamsError(`unsupported param "${name}" (takes only user)`, { vendor })
      }
    }
    if (typeof params.user !== 'string' || params.user === '') {
      throw new InvalidParamsError('a signed-in user source needs params.user', { vendor })
    }
    return { user: params.user }
  }

  /**
   * Refreshes with the held refresh token. Nothing is requested without one: a user who never
   * signed in gets NotSignedInError, one whose token expired without a refresh token
   * ReauthenticationRequiredError.
   */
  async requestToken(context: TokenRequestContext): Promise<TokenResponse> {
    const held = context.previous
    if (held === undefined) {
      throw new NotSignedInError('the user has not signed in', { vendor: context.vendor })
    }
    if (held.refreshToken === undefined) {
      throw new ReauthenticationRequiredError(
        'the session ended (the access token expired and the provider gave no refresh token): the user must sign in again',
        { vendor: context.vendor },
      )
    }
    const { token } = await this.#endpoints(context)
    const answer = await refreshTokens({
      tokenUrl: token,
      refreshToken: held.refreshToken,
      client: this.#client,
      context,
      dpop: this.#dpop && { sender: this.#dpop, key: this.#dpop.keyFor(held.dpopKey) },
    })
    return { ...answer, idToken: answer.idToken ?? held.idToken }
  }

  async authorizationUrl(
    state: string,
    context: SignInStepContext,
  ): Promise<PreparedAuthorization> {
    const { authorization } = await this.#endpoints(context)
    const { clientId, redirectUri, scopes, extraAuthorizeParams } = this.#options
    const pkce = createPkce()
    const nonce = scopes.includes('openid') ? randomBytes(24).toString('base64url') : undefined
    const url = new URL(authorization)
    const params: Record<string, string | undefined> = {
      ...extraAuthorizeParams,
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: scopes.join(' '),
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: pkce.method,
      nonce,
    }
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== '') url.searchParams.set(name, value)
    }
    return nonce === undefined
      ? { url: url.href, verifier: pkce.verifier }
      : { url: url.href, verifier: pkce.verifier, nonce }
  }

  handleCallback(
    callback: AuthorizationCallback,
    context: SignInStepContext,
  ): Promise<TokenResponse> {
    const { redirectUri } = this.#options
    return this.#endpoints(context).then((endpoints) =>
      exchangeCode(
        callback,
        { client: this.#client, redirectUri, endpoints, dpop: this.#dpop },
        context,
      ),
    )
  }

  async signOut(token: StoredToken, context: SignInStepContext): Promise<boolean> {
    if (token.refreshToken === undefined) return false
    const { revocation } = await this.#endpoints(context)
    if (revocation === undefined) return false
    return revokeToken(revocation, token.refreshToken, 'refresh_token', this.#client, context)
  }

  async tokensIssued(params: TokenParams, token: StoredToken): Promise<void> {
    await this.#options.onTokens?.(params.user as string, { ...token })
  }

  #endpoints(context: SignInStepContext): Promise<OAuthEndpoints> {
    return resolveEndpoints(this.#options, context, this.#allowInsecureHttp)
  }

  /** Public settings only: never the secret. */
  toJSON(): Record<string, unknown> {
    const { issuer, endpoints, clientId, clientSecret, redirectUri, scopes, auth } = this.#options
    const keyed = auth !== undefined && auth !== 'basic' && auth !== 'post'
    const client = clientSecret === undefined && !keyed ? 'public' : (auth ?? 'basic')
    const dpop = this.allowedTokenTypes === undefined ? {} : { dpop: true }
    return { kind: this.kind, issuer, endpoints, clientId, client, redirectUri, scopes, ...dpop }
  }

  [inspect.custom](_depth: number, options: object): string {
    return `AuthorizationCodeSource ${inspect(this.toJSON(), options)}`
  }
}

/**
 * The client of a user source: public (no secret, no key, no certificate), a secret (`basic`,
 * `post`), a private key or a TLS client certificate (checked and imported at `register`).
 * @throws ConfigurationError
 */
function userClient(options: AuthorizationCodeOptions, vendor: string): OAuthClient {
  const { clientId, clientSecret, auth, tls } = options
  if (
    auth !== 'private_key_jwt' &&
    auth !== 'tls_client_auth' &&
    auth !== 'self_signed_tls_client_auth'
  ) {
    return tls === undefined
      ? { clientId, clientSecret, auth }
      : {
          clientId,
          clientSecret,
          auth,
          tls: createClientAuth({ ...options, auth: 'tls_client_auth' }, vendor).tls,
        }
  }
  const checked = createClientAuth(options, vendor)
  return { clientId, auth, assertion: checked.material.assertion, tls: checked.tls }
}
