import { inspect } from 'node:util'
import {
  type AuthorizationCodeOptions,
  authorizationCode,
  ConfigurationError,
  type StoredToken,
  type UserTokenSource,
} from '@vendor-token/core'
import { checkScopes } from '@vendor-token/core/adapter'
import { checkBaseUrl, presetOptions, requireText } from './config.js'

/**
 * ASSUMPTION: the seed ("OAuth2 (User) Authentication") names no authorization server URL, so
 * this default is a placeholder in Wealth.com's domain. Pass the `issuer` Wealth.com gives you;
 * its endpoints are discovered from `{issuer}/.well-known/openid-configuration`.
 */
export const WEALTHCOM_ISSUER = 'https://auth.wealth.com/oidc'

/** The Advisor API operations that accept OAuth2 user tokens (the seed's list). */
export const WEALTHCOM_USER_TOKEN_OPERATIONS = Object.freeze([
  'createClient',
  'updateClient',
  'getClient',
  'listClients',
  'getPrimaryDocumentRecommendation',
  'getQuizQuestions',
] as const)

export interface WealthcomUserOptions {
  clientId: string
  /** A confidential (server-side) client's secret; leave it out for a public client (PKCE only). */
  clientSecret?: string
  /** The authorization server. Default {@link WEALTHCOM_ISSUER} (an assumption: see there). */
  issuer?: string
  /** Your registered redirect URI, e.g. `https://app.example.com/auth/callback`. */
  redirectUri: string
  /** E.g. `['openid', 'email', 'offline_access']` ("standard OIDC scopes ... and any configured custom scopes"). */
  scopes: readonly string[]
  /** Every new token set of a user (sign-in and refresh); holds the refresh token: do not log it. */
  onTokens?: (user: string, tokens: StoredToken) => void | Promise<void>
  /**
   * More authorization request parameters, e.g. `{ prompt: 'consent' }`: an OpenID provider
   * may drop `offline_access` (no refresh token) unless the request asks for consent (OIDC Core
   * section 11). Not the protocol's own (`state`, `scope`, ...).
   */
  extraAuthorizeParams?: AuthorizationCodeOptions['extraAuthorizeParams']
  /** A confidential client's authentication at the token endpoint. Default `basic`. */
  auth?: AuthorizationCodeOptions['auth']
}

/**
 * Wealth.com advisor sign-in ("OAuth2 (User) Authentication"): the authorization code flow with
 * PKCE S256 for every client, the confidential client's Basic authentication at the token
 * endpoint, per-user tokens, and the refresh_token grant with rotation. Built on core's
 * `authorizationCode`; register it under its own name next to `wealthcom.basic`.
 *
 * @example
 * manager.register('wealthcomUser', wealthcom.user({ clientId, clientSecret, redirectUri,
 *   scopes: ['openid', 'offline_access'], extraAuthorizeParams: { prompt: 'consent' } }))
 * const { url } = await manager.authorizationUrl('wealthcomUser', { user: sessionId })
 */
export function wealthcomUser(options: WealthcomUserOptions): UserTokenSource {
  const {
    clientId,
    clientSecret,
    issuer = WEALTHCOM_ISSUER,
    redirectUri,
    scopes,
    onTokens,
    extraAuthorizeParams,
    auth = 'basic',
  } = presetOptions(
    options,
    'wealthcom.user',
    '{ clientId, issuer?, redirectUri, scopes, clientSecret? }',
  )
  const source = authorizationCode({
    issuer,
    clientId,
    ...(clientSecret === undefined ? {} : { clientSecret }),
    redirectUri,
    scopes: Array.isArray(scopes) ? scopes : [],
    auth,
    ...(onTokens === undefined ? {} : { onTokens }),
    ...(extraAuthorizeParams === undefined ? {} : { extraAuthorizeParams }),
  })
  const describe = () => ({
    preset: 'wealthcom.user',
    ...(source as unknown as { toJSON(): object }).toJSON(),
  })
  return {
    kind: source.kind,
    validate(vendor, settings) {
      requireText(clientId, 'clientId', vendor)
      if (clientSecret !== undefined) requireText(clientSecret, 'clientSecret', vendor)
      checkBaseUrl(issuer, 'issuer', vendor, settings.allowInsecureHttp)
      requireText(redirectUri, 'redirectUri', vendor)
      checkScopes(scopes, (message) => new ConfigurationError(message, { vendor }), {
        nonEmpty: true,
      })
      source.validate?.(vendor, settings)
    },
    normalizeParams: (params, vendor) => source.normalizeParams?.(params, vendor) ?? params,
    requestToken: (context) => source.requestToken(context),
    prepareAuthorization: (state, context) => source.prepareAuthorization(state, context),
    exchangeCode: (callback, context) => source.exchangeCode(callback, context),
    revoke: (token, context) => source.revoke(token, context),
    onTokens: (params, token) => source.onTokens?.(params, token),
    toJSON: describe,
    [inspect.custom]: () => `WealthcomUserSource ${inspect(describe())}`,
  } as UserTokenSource
}
