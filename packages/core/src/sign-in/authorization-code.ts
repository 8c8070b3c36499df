import { createHash, randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { discoverForVendor } from '../discovery.js'
import { createDpopSender, type DpopSender } from '../dpop/dpop-sender.js'
import {
  DiscoveryError,
  InvalidParamsError,
  NotSignedInError,
  ReauthenticationRequiredError,
} from '../errors.js'
import { checkEndpointUrl } from '../grants/check-url.js'
import { SourceSender } from '../grants/source-sender.js'
import type {
  SenderConstraint,
  StoredToken,
  TokenParams,
  TokenRequestContext,
  TokenResponse,
} from '../types.js'
import {
  type AuthorizationCodeOptions,
  checkAuthorizationCodeOptions,
  userClient,
} from './options.js'
import {
  type OAuthClient,
  type OAuthEndpoints,
  postAuthorizationCode,
  postRefreshToken,
  postRevocation,
} from './provider-requests.js'
import type {
  AuthorizationCallback,
  PreparedAuthorization,
  SignInStepContext,
  UserTokenSource,
} from './user-source.js'

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
    const answer = await postRefreshToken(held.refreshToken, {
      tokenUrl: token,
      client: this.#client,
      context,
      dpop: this.#dpop && { sender: this.#dpop, key: this.#dpop.keyFor(held.dpopKey) },
    })
    return { ...answer, idToken: answer.idToken ?? held.idToken }
  }

  async prepareAuthorization(
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

  async exchangeCode(
    callback: AuthorizationCallback,
    context: SignInStepContext,
  ): Promise<TokenResponse> {
    const endpoints = await this.#endpoints(context)
    return postAuthorizationCode(callback, {
      tokenUrl: endpoints.token,
      client: this.#client,
      context,
      // A proof with the source's key: a `DPoP` answer is bound to it.
      dpop: this.#dpop && { sender: this.#dpop, key: this.#dpop.key },
      redirectUri: this.#options.redirectUri,
      endpoints,
    })
  }

  async revoke(token: StoredToken, context: SignInStepContext): Promise<boolean> {
    if (token.refreshToken === undefined) return false
    const { revocation } = await this.#endpoints(context)
    if (revocation === undefined) return false
    return postRevocation(revocation, token.refreshToken, 'refresh_token', this.#client, context)
  }

  async onTokens(params: TokenParams, token: StoredToken): Promise<void> {
    await this.#options.onTokens?.(params.user as string, { ...token })
  }

  /**
   * The endpoints from `endpoints`, or from the issuer's discovery document (cached per issuer;
   * a failure is a retryable DiscoveryError). Every URL is checked like a configured one.
   * @throws DiscoveryError, ConfigurationError
   */
  async #endpoints(context: SignInStepContext): Promise<OAuthEndpoints> {
    const { issuer, endpoints } = this.#options
    if (endpoints !== undefined) {
      const { authorization, token, revocation } = endpoints
      return { authorization, token, revocation, issuer: undefined, issInCallback: false }
    }
    const { vendor } = context
    const metadata = await discoverForVendor(issuer!, context)
    const check = (value: unknown, name: string) =>
      checkEndpointUrl(value, `discovered ${name}`, vendor, this.#allowInsecureHttp).href
    if (typeof metadata.authorization_endpoint !== 'string') {
      throw new DiscoveryError('discovery document has no authorization_endpoint', { vendor })
    }
    const revocation = metadata.revocation_endpoint
    return {
      authorization: check(metadata.authorization_endpoint, 'authorization_endpoint'),
      token: check(metadata.token_endpoint, 'token_endpoint'),
      revocation:
        typeof revocation === 'string' ? check(revocation, 'revocation_endpoint') : undefined,
      issuer: metadata.issuer,
      issInCallback: metadata.authorization_response_iss_parameter_supported === true,
    }
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

/** RFC 7636 4.1: code-verifier = 43*128unreserved. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

/** A PKCE pair. Only S256 is ever offered: `plain` would send the verifier itself. */
export interface Pkce {
  /** Kept server-side until the callback; sent only to the token endpoint. */
  verifier: string
  /** BASE64URL(SHA256(verifier)), sent in the authorization request. */
  challenge: string
  method: 'S256'
}

/**
 * A fresh PKCE (RFC 7636) pair: a 64-character verifier from 48 random bytes and its S256
 * challenge.
 *
 * @example
 * const { verifier, challenge } = createPkce() // challenge goes to /authorize, verifier to /token
 */
export function createPkce(): Pkce {
  const verifier = randomBytes(48).toString('base64url')
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' }
}

/**
 * The S256 challenge of `verifier`.
 *
 * @param verifier 43 to 128 characters of `[A-Za-z0-9-._~]`
 * @throws InvalidParamsError for a verifier RFC 7636 does not allow
 */
export function pkceChallenge(verifier: string): string {
  if (typeof verifier !== 'string' || !VERIFIER.test(verifier)) {
    throw new InvalidParamsError('a PKCE code verifier must be 43 to 128 unreserved characters')
  }
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}
