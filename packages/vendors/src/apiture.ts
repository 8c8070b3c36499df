import type { TokenRequestContext, TokenSource } from '@vendor-token/core'
import { ConfigurationError, clientCredentials, InvalidParamsError } from '@vendor-token/core'
import { plainBasicCredentials } from './basic-header.js'
import { checkBaseUrl, requireText } from './config.js'
import { normalizeScopes, rejectUnsupportedParams } from './params.js'
import { withPresetChecks } from './preset.js'

/** Discovery is at `https://auth.apiture.com/oidc/.well-known/openid-configuration`. */
export const APITURE_ISSUER = 'https://auth.apiture.com/oidc'

export interface ApitureOptions {
  clientId: string
  clientSecret: string
  /** Default `https://auth.apiture.com/oidc`; the token_endpoint is discovered from it. */
  issuer?: string
  /**
   * The application's scopes, e.g. `['banking/read', 'banking/write']` (required, non-empty):
   * "Every scope required by the functions the application uses must be listed".
   * `getToken(..., { scopes })` overrides them per call.
   */
  scopes: readonly string[]
}

/**
 * Apiture client credentials: GET `{issuer}/.well-known/openid-configuration` once for the
 * `token_endpoint`, then POST to it with `Authorization: Basic base64(client-id:client-secret)`
 * AND the form body `client_id, client_secret, scope (space separated), grant_type`, exactly as
 * Apiture's doc lists them. The answer uses RFC 6749 names.
 * @example
 * manager.register('apiture', apiture({ clientId, clientSecret, scopes: ['banking/read'] }))
 * await manager.fetch('apiture', 'https://api.apiture.com/banking/accounts')
 */
export function apiture(options: ApitureOptions): TokenSource {
  const { clientId, clientSecret, issuer = APITURE_ISSUER, scopes } = options
  // Sorted like params.scopes, so the configured and the per-call form look the same.
  const configured = Array.isArray(scopes) ? [...new Set(scopes as string[])].sort() : []
  const source = clientCredentials({
    issuer,
    clientId,
    clientSecret,
    // The doc's Basic header is base64 of the plain text "client-id:client-secret" (not RFC 6749
    // 2.3.1's form-encoded parts), so it is set here; 'post' adds client_id and client_secret
    // to the form. Together: core's 'basic_and_post' with the doc's Basic encoding.
    auth: 'post',
    headers: {
      authorization: `Basic ${plainBasicCredentials(String(clientId), String(clientSecret))}`,
    },
    scope: configured,
    normalizeParams(params, vendor) {
      rejectUnsupportedParams(params, ['scopes'], vendor)
      if (params.scopes === undefined) return params
      const fail = (message: string) => new InvalidParamsError(message, { vendor })
      return { ...params, scopes: normalizeScopes(params.scopes, fail) }
    },
  })
  return withPresetChecks(source, {
    preset: 'apiture',
    describe: { auth: 'basic_and_post', basic: 'plain (client-id:client-secret as given)' },
    check(vendor, { allowInsecureHttp }) {
      requireText(clientId, 'clientId', vendor)
      requireText(clientSecret, 'clientSecret', vendor)
      checkBaseUrl(issuer, 'issuer', vendor, allowInsecureHttp)
      normalizeScopes(scopes, (message) => new ConfigurationError(message, { vendor }))
    },
    async requestToken(context) {
      const answer = await source.requestToken(context)
      warnOnNarrowedScope(answer.scope, context.params.scopes ?? configured, context)
      return answer
    },
  })
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
