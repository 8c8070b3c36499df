import { inspect } from 'node:util'
import { discoverForVendor } from '../discovery.js'
import { InvalidTokenResponseError } from '../errors.js'
import { postTokenRequest } from '../http/token-request.js'
import type { TokenParams, TokenRequestContext, TokenResponse, TokenSource } from '../types.js'
import { checkEndpointUrl } from './check-url.js'
import { encodeTokenRequest } from './client-auth.js'
import {
  type ClientCredentialsOptions,
  checkClientCredentialsOptions,
} from './client-credentials-options.js'
import { mapOAuthResponse } from './map-response.js'

/**
 * An OAuth2 client_credentials grant (RFC 6749 4.4) as a TokenSource: register it on a manager.
 * The secret stays inside: logging or serialising the source shows only its public settings.
 *
 * @example
 * manager.register('acme', clientCredentials({ tokenUrl: 'https://auth.acme.com/token', clientId, clientSecret }))
 */
export function clientCredentials(options: ClientCredentialsOptions): TokenSource {
  return new ClientCredentialsSource(options)
}

class ClientCredentialsSource implements TokenSource {
  readonly kind = 'client_credentials'
  readonly #options: ClientCredentialsOptions
  #allowInsecureHttp = false

  constructor(options: ClientCredentialsOptions) {
    this.#options = { ...options }
    if (options.normalizeParams !== undefined) {
      const normalize = options.normalizeParams
      this.normalizeParams = (params, vendor) => normalize(params, vendor)
    }
  }

  normalizeParams?: (params: TokenParams, vendor: string) => TokenParams

  validate(vendor: string, settings: { allowInsecureHttp: boolean }): void {
    checkClientCredentialsOptions(this.#options, vendor, settings.allowInsecureHttp)
    this.#allowInsecureHttp = settings.allowInsecureHttp
  }

  async requestToken(context: TokenRequestContext): Promise<TokenResponse> {
    const options = this.#options
    const url = await this.#tokenEndpoint(context)
    const fields: Record<string, string> = { grant_type: 'client_credentials' }
    const scopes = context.params.scopes ?? splitScope(options.scope)
    if (scopes !== undefined && scopes.length > 0) fields.scope = scopes.join(' ')
    const extra =
      typeof options.extraParams === 'function'
        ? options.extraParams(context.params)
        : options.extraParams
    Object.assign(fields, extra)
    const encoded = encodeTokenRequest(
      options.auth ?? 'basic',
      fields,
      options.clientId,
      options.clientSecret,
    )
    const { body, sentAt } = await postTokenRequest({
      vendor: context.vendor,
      url,
      headers: {
        accept: 'application/json',
        ...encoded.headers,
        ...lowerCaseKeys(options.headers),
      },
      body: encoded.body,
      fetch: context.fetch,
      signal: context.signal,
      clock: context.clock,
    })
    let mapped: TokenResponse
    try {
      mapped = (options.mapResponse ?? mapOAuthResponse)(body)
    } catch (error) {
      throw new InvalidTokenResponseError('token endpoint answer could not be mapped', {
        vendor: context.vendor,
        cause: error,
      })
    }
    return { ...mapped, requestedAt: sentAt }
  }

  async #tokenEndpoint(context: TokenRequestContext): Promise<string> {
    const { tokenUrl, issuer } = this.#options
    if (tokenUrl !== undefined) return tokenUrl
    const metadata = await discoverForVendor(issuer!, context)
    return checkEndpointUrl(
      metadata.token_endpoint,
      'discovered token_endpoint',
      context.vendor,
      this.#allowInsecureHttp,
    ).href
  }

  /** Public settings only: never the secret. */
  toJSON(): Record<string, unknown> {
    const { tokenUrl, issuer, clientId, auth = 'basic', scope } = this.#options
    return { kind: this.kind, tokenUrl, issuer, clientId, auth, scope }
  }

  [inspect.custom](_depth: number, options: object): string {
    return `ClientCredentialsSource ${inspect(this.toJSON(), options)}`
  }
}

function splitScope(scope: string | readonly string[] | undefined): readonly string[] | undefined {
  if (scope === undefined) return undefined
  return typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : scope
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value
  return result
}
