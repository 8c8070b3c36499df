import type { DpopOption } from '../dpop/dpop-options.js'
import { ConfigurationError } from '../errors.js'
import { checkEndpointUrl } from '../grants/check-url.js'
import { type ClientAuthOptions, createClientAuth } from '../grants/client-auth-options.js'
import { checkScopes } from '../params.js'
import type { StoredToken } from '../types.js'
import type { OAuthClient } from './provider-requests.js'

/** The provider's endpoints, for a provider without discovery. */
export interface AuthorizationCodeEndpoints {
  authorization: string
  token: string
  /** RFC 7009; without it `manager.signOut` only forgets the tokens (nothing is revoked). */
  revocation?: string
}

/** Options of `authorizationCode`. Give exactly one of `issuer` and `endpoints`. */
export interface AuthorizationCodeOptions
  extends Pick<ClientAuthOptions, 'privateKey' | 'kid' | 'alg' | 'tls'> {
  clientId: string
  /** A confidential client's secret; leave it out for a public client (PKCE only). */
  clientSecret?: string
  /** Discovered (OIDC / RFC 8414) for the authorization, token and revocation endpoints. */
  issuer?: string
  endpoints?: AuthorizationCodeEndpoints
  /** Where the provider sends the user back; must be registered with the provider. */
  redirectUri: string
  /** Requested scopes; `openid` adds a nonce, `offline_access` asks many providers for a refresh token. */
  scopes: readonly string[]
  /**
   * Client authentication of a confidential client at the token and revocation endpoints.
   * Default `basic`; `private_key_jwt` takes `privateKey` (no secret), the TLS methods `tls`.
   */
  auth?: UserClientAuthMethod
  /**
   * DPoP-bound tokens (RFC 9449): `true` (an ES256 key kept in memory) or `{ privateKey, alg? }`.
   * The code exchange and each refresh carry a proof; the key is stored with the token set.
   */
  dpop?: DpopOption
  /** More authorization request parameters (e.g. `prompt`, `resource`); not the protocol's own. */
  extraAuthorizeParams?: Record<string, string>
  /**
   * Called with every new token set of a user (sign-in and each refresh), e.g. to keep them
   * elsewhere too. It receives the refresh token: do not log it. Errors are logged, not thrown.
   */
  onTokens?: (user: string, tokens: StoredToken) => void | Promise<void>
}

/** The client authentication methods of a user (authorization-code) source. */
export type UserClientAuthMethod = (typeof USER_CLIENT_AUTH_METHODS)[number]
export const USER_CLIENT_AUTH_METHODS = [
  'basic',
  'post',
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
] as const

/** Authorization request parameters the grant sets itself. */
const RESERVED = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'nonce',
])

/**
 * Checks options at `register`; messages name the option, never a secret.
 * @throws ConfigurationError
 */
export function checkAuthorizationCodeOptions(
  options: AuthorizationCodeOptions,
  vendor: string,
  allowInsecureHttp: boolean,
): void {
  const fail = (why: string) => new ConfigurationError(why, { vendor })
  const url = (value: unknown, name: string) =>
    checkEndpointUrl(value, name, vendor, allowInsecureHttp)
  if (typeof options.clientId !== 'string' || options.clientId === '') {
    throw fail('clientId is required')
  }
  const secret = options.clientSecret
  if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
    throw fail('clientSecret must be a non-empty string (or left out for a public client)')
  }
  if ((options.issuer === undefined) === (options.endpoints === undefined)) {
    throw fail('give exactly one of issuer and endpoints')
  }
  if (options.issuer !== undefined) url(options.issuer, 'issuer')
  if (options.endpoints !== undefined) {
    url(options.endpoints.authorization, 'endpoints.authorization')
    url(options.endpoints.token, 'endpoints.token')
    if (options.endpoints.revocation !== undefined) {
      url(options.endpoints.revocation, 'endpoints.revocation')
    }
  }
  if (url(options.redirectUri, 'redirectUri').hash !== '') {
    throw fail('redirectUri must not have a fragment')
  }
  checkScopes(options.scopes, fail) // RFC 6749 3.3, the rule params.scopes follow too
  if (options.auth !== undefined && !USER_CLIENT_AUTH_METHODS.includes(options.auth)) {
    throw fail(`auth must be one of ${USER_CLIENT_AUTH_METHODS.join(', ')}`)
  }
  for (const [name, value] of Object.entries(options.extraAuthorizeParams ?? {})) {
    if (RESERVED.has(name)) throw fail(`extraAuthorizeParams must not set ${name}`)
    if (typeof value !== 'string') throw fail(`extraAuthorizeParams.${name} must be a string`)
  }
  if (options.onTokens !== undefined && typeof options.onTokens !== 'function') {
    throw fail('onTokens must be a function')
  }
}

/**
 * The client of a user source: public (no secret, no key, no certificate), a secret (`basic`,
 * `post`), a private key or a TLS client certificate (checked and imported at `register`).
 * @throws ConfigurationError
 */
export function userClient(options: AuthorizationCodeOptions, vendor: string): OAuthClient {
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
