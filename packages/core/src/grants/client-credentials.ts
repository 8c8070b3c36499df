import { inspect } from 'node:util'
import { discoverForVendor } from '../discovery.js'
import { withDpopKey } from '../dpop/dpop-options.js'
import { createDpopSender, type DpopSender } from '../dpop/dpop-sender.js'
import { InvalidTokenResponseError } from '../errors.js'
import type {
  SenderConstraint,
  TokenParams,
  TokenRequestContext,
  TokenResponse,
  TokenSource,
} from '../types.js'
import { checkEndpointUrl } from './check-url.js'
import { type ClientAuth, createClientAuth, describeClientAuth } from './client-auth-options.js'
import {
  type ClientCredentialsOptions,
  checkClientCredentialsOptions,
} from './client-credentials-options.js'
import { mapOAuthResponse } from './map-response.js'
import { SourceSender } from './source-sender.js'
import { callTokenEndpoint } from './token-call.js'

/**
 * An OAuth2 client_credentials grant (RFC 6749 4.4) as a TokenSource: register it on a manager.
 * The secret stays inside: logging or serialising the source shows only its public settings.
 * Client authentication: a secret (`basic`, `post`, `json`, `basic_and_post`), a private key
 * (`private_key_jwt`) or a TLS client certificate (`tls_client_auth`,
 * `self_signed_tls_client_auth`); `dpop` makes the tokens DPoP-bound.
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
  /** Set at `register` (validate): the checked client authentication and DPoP state. */
  #auth: ClientAuth | undefined
  #dpop: DpopSender | undefined
  readonly allowedTokenTypes?: readonly string[]
  readonly sender?: SenderConstraint

  constructor(options: ClientCredentialsOptions) {
    this.#options = { ...options }
    if (options.dpop !== undefined && options.dpop !== false) this.allowedTokenTypes = ['DPoP']
    if (this.allowedTokenTypes !== undefined || options.tls !== undefined) {
      this.sender = new SourceSender(
        () => this.#dpop,
        () => this.#auth?.tls,
      )
    }
    if (options.normalizeParams !== undefined) {
      const normalize = options.normalizeParams
      this.normalizeParams = (params, vendor) => normalize(params, vendor)
    }
  }

  normalizeParams?: (params: TokenParams, vendor: string) => TokenParams

  validate(vendor: string, settings: { allowInsecureHttp: boolean }): void {
    checkClientCredentialsOptions(this.#options, vendor, settings.allowInsecureHttp)
    this.#auth = createClientAuth(this.#options, vendor)
    this.#dpop = createDpopSender(this.#options.dpop, vendor)
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
    const { body, sentAt } = await callTokenEndpoint({
      url,
      issuer: options.issuer,
      fields,
      headers: { accept: 'application/json', ...lowerCaseKeys(options.headers) },
      auth: this.#auth ?? createClientAuth(options, context.vendor),
      dpop: this.#dpop,
      context,
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
    return withDpopKey({ ...mapped, requestedAt: sentAt }, this.#dpop?.key)
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
    const { tokenUrl, issuer, clientId, scope, dpop } = this.#options
    const auth = describeClientAuth(this.#auth, this.#options)
    const sender = dpop === undefined || dpop === false ? {} : { dpop: true }
    return { kind: this.kind, tokenUrl, issuer, clientId, ...auth, scope, ...sender }
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
