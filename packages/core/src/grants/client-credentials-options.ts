import type { DpopOption } from '../dpop/dpop-options.js'
import { ConfigurationError } from '../errors.js'
import type { TokenParams, TokenResponse } from '../types.js'
import { checkEndpointUrl } from './check-url.js'
import type { ClientAuthOptions } from './client-auth-options.js'

/** Options of `clientCredentials`. Give exactly one of `tokenUrl` and `issuer`. */
export interface ClientCredentialsOptions extends ClientAuthOptions {
  tokenUrl?: string
  /** Discovered (RFC 8414 / OIDC) for its token_endpoint; cached, failures retried with backoff. */
  issuer?: string
  /**
   * Default `basic` (RFC 6749 2.3.1). `private_key_jwt` (RFC 7523) takes `privateKey`, `kid`,
   * `alg`; `tls_client_auth` / `self_signed_tls_client_auth` (RFC 8705) take `tls`.
   */
  auth?: ClientAuthOptions['auth']
  /**
   * Sender-constrained tokens (RFC 9449): `true` makes an ES256 key for this source (kept in
   * memory), `{ privateKey, alg? }` uses yours. Each token request carries a DPoP proof and
   * `manager.fetch` sends `Authorization: DPoP <token>` with a proof per request.
   */
  dpop?: DpopOption
  /** Default scopes; `params.scopes` overrides. Sent space-separated. */
  scope?: string | readonly string[]
  /** More form (or JSON) fields, e.g. BridgeFT's `firm_ids` from params. */
  extraParams?: Record<string, string> | ((params: TokenParams) => Record<string, string>)
  /** More request headers, e.g. `Accept: application/json; version=1.0.0`. */
  headers?: Record<string, string>
  /** Maps a vendor's answer to RFC 6749 names. Default: `access_token`, `token_type`, ... */
  mapResponse?: (body: unknown) => TokenResponse
  /** Validates and normalises params. @throws InvalidParamsError */
  normalizeParams?: (params: TokenParams, vendor: string) => TokenParams
}

/**
 * Checks the endpoint and request options before any request (the client authentication is
 * checked by createClientAuth); messages name the option, never quote the secret.
 * @throws ConfigurationError
 */
export function checkClientCredentialsOptions(
  options: ClientCredentialsOptions,
  vendor: string,
  allowInsecureHttp: boolean,
): void {
  const fail = (why: string) => new ConfigurationError(why, { vendor })
  if (typeof options.clientId !== 'string' || options.clientId === '') {
    throw fail('clientId is required')
  }
  if ((options.tokenUrl === undefined) === (options.issuer === undefined)) {
    throw fail('give exactly one of tokenUrl and issuer')
  }
  const [name, url] =
    options.tokenUrl !== undefined ? ['tokenUrl', options.tokenUrl] : ['issuer', options.issuer]
  checkEndpointUrl(url, name, vendor, allowInsecureHttp)
  if (options.assertionAudience === 'issuer' && options.issuer === undefined) {
    throw fail("assertionAudience 'issuer' needs the issuer option")
  }
  const scope = options.scope
  if (scope !== undefined && typeof scope !== 'string' && !Array.isArray(scope)) {
    throw fail('scope must be a string or an array of strings')
  }
}
