import type { ClientCredentialsOptions, TokenRequestContext, TokenSource } from '@vendor-token/core'
import { ConfigurationError, clientCredentials, InvalidParamsError } from '@vendor-token/core'
import { checkScopes } from '@vendor-token/core/adapter'
import { checkPlainBasicUser, plainBasicCredentials } from './basic-header.js'
import { checkBaseUrl, presetOptions, requireText } from './config.js'
import { rejectUnsupportedParams } from './params.js'
import { withPresetChecks } from './preset.js'

/** Discovery is at `https://auth.apiture.com/oidc/.well-known/openid-configuration`. */
export const APITURE_ISSUER = 'https://auth.apiture.com/oidc'

/**
 * How the client authenticates at Apiture's token endpoint:
 * - `basic_and_post` (default): the doc's way, a plain Basic header AND client_id / client_secret
 *   in the form. Strict servers refuse two mechanisms at once (RFC 6749 section 2.3).
 * - `basic`: only the Basic header (RFC 6749 section 2.3.1 form-encoding), for such servers.
 * - `post`: only client_id / client_secret in the form.
 * - `private_key_jwt`: a signed assertion (RFC 7523) with `privateKey`, no shared secret.
 */
export type ApitureAuth = 'basic_and_post' | 'basic' | 'post' | 'private_key_jwt'

const APITURE_AUTH: readonly ApitureAuth[] = ['basic_and_post', 'basic', 'post', 'private_key_jwt']

export interface ApitureOptions {
  clientId: string
  /** Required unless `auth` is `private_key_jwt`. */
  clientSecret?: string
  /** Default `https://auth.apiture.com/oidc`; the token_endpoint is discovered from it. */
  issuer?: string
  /**
   * The application's scopes, e.g. `['banking/read', 'banking/write']` (required, non-empty):
   * Apiture wants every scope the application will use named in the token request (Apiture doc,
   * Listing Application Scopes; docs/vendors/apiture.md).
   * `getToken(..., { scopes })` overrides them per call.
   */
  scopes: readonly string[]
  /** Default `basic_and_post` (the doc's); see {@link ApitureAuth}. */
  auth?: ApitureAuth
  /** `private_key_jwt`: the client's private key (KeyObject / CryptoKey, private JWK, or PEM). */
  privateKey?: ClientCredentialsOptions['privateKey']
  /** `private_key_jwt`: the assertion's `kid` header (the key id registered with the server). */
  kid?: string
  /** `private_key_jwt`: default from the key (RS256 / ES256 / EdDSA). */
  alg?: string
}

/**
 * Apiture client credentials: GET `{issuer}/.well-known/openid-configuration` once for the
 * `token_endpoint`, then POST to it with the form body `client_id, client_secret, scope (space
 * separated), grant_type` AND `Authorization: Basic base64(client-id:client-secret)`, exactly as
 * Apiture's doc lists them (`auth: 'basic_and_post'`, the default). `auth` picks one mechanism
 * instead for servers that refuse two. The answer uses RFC 6749 names.
 * @example
 * manager.register('apiture', apiture({ clientId, clientSecret, scopes: ['banking/read'] }))
 * await manager.fetch('apiture', 'https://api.apiture.com/banking/accounts')
 */
export function apiture(options: ApitureOptions): TokenSource {
  const {
    clientId,
    clientSecret,
    issuer = APITURE_ISSUER,
    scopes,
    auth = 'basic_and_post',
  } = presetOptions(options, 'apiture', '{ clientId, clientSecret, issuer?, scopes?, auth? }')
  // Sorted like params.scopes, so the configured and the per-call form look the same.
  const configured = Array.isArray(scopes) ? [...new Set(scopes as string[])].sort() : []
  const source = clientCredentials({
    issuer,
    clientId,
    clientSecret,
    ...clientAuth(options, auth),
    scope: configured,
    normalizeParams(params, vendor) {
      rejectUnsupportedParams(params, ['scopes'], vendor)
      if (params.scopes === undefined) return params
      const fail = (message: string) => new InvalidParamsError(message, { vendor })
      return { ...params, scopes: checkScopes(params.scopes, fail, { nonEmpty: true }) }
    },
  })
  return withPresetChecks(source, {
    preset: 'apiture',
    describe: {
      auth,
      ...(auth === 'basic_and_post' ? { basic: 'plain (client-id:client-secret as given)' } : {}),
    },
    check(vendor, { allowInsecureHttp }) {
      requireText(clientId, 'clientId', vendor)
      if (!APITURE_AUTH.includes(auth)) {
        throw new ConfigurationError(`auth must be one of ${APITURE_AUTH.join(', ')}`, { vendor })
      }
      if (auth !== 'private_key_jwt') requireText(clientSecret, 'clientSecret', vendor)
      if (auth === 'basic_and_post') checkPlainBasicUser(clientId, 'clientId', vendor)
      checkBaseUrl(issuer, 'issuer', vendor, allowInsecureHttp)
      checkScopes(scopes, (message) => new ConfigurationError(message, { vendor }), {
        nonEmpty: true,
      })
    },
    async requestToken(context) {
      const answer = await source.requestToken(context)
      warnOnNarrowedScope(answer.scope, context.params.scopes ?? configured, context)
      return answer
    },
  })
}

/** The core client authentication options for one of the preset's `auth` values. */
function clientAuth(
  options: ApitureOptions,
  auth: ApitureAuth,
): Pick<ClientCredentialsOptions, 'auth' | 'headers' | 'privateKey' | 'kid' | 'alg'> {
  if (auth === 'basic_and_post') {
    // The doc's Basic header is base64 of the plain text "client-id:client-secret" (not RFC 6749
    // 2.3.1's form-encoded parts), so it is set here; 'post' adds client_id and client_secret
    // to the form. Together: core's 'basic_and_post' with the doc's Basic encoding.
    const basic = plainBasicCredentials(String(options.clientId), String(options.clientSecret))
    return { auth: 'post', headers: { authorization: `Basic ${basic}` } }
  }
  if (auth === 'private_key_jwt') {
    const { privateKey, kid, alg } = options
    return {
      auth,
      privateKey,
      ...(kid === undefined ? {} : { kid }),
      ...(alg === undefined ? {} : { alg }),
    }
  }
  return { auth }
}

/**
 * RFC 6749 5.1: a server that grants less than asked must say so in `scope`. The token is still
 * usable for what was granted, so this warns (calls needing the rest will get 403) rather than fails.
 */
function warnOnNarrowedScope(
  granted: unknown,
  requested: readonly string[],
  context: Pick<TokenRequestContext, 'vendor' | 'logger'>,
): void {
  if (typeof granted !== 'string') return
  const grantedSet = new Set(granted.split(' '))
  const missing = requested.filter((scope) => !grantedSet.has(scope))
  if (missing.length > 0) {
    context.logger.warn('token granted fewer scopes than requested', {
      vendor: context.vendor,
      missing,
      granted,
    })
  }
}
