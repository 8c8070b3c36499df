import type { TokenResponse, TokenSource } from '@vendor-token/core'
import { ConfigurationError, clientCredentials } from '@vendor-token/core'
import { checkBaseUrl, joinUrl, presetOptions, requireText } from './config.js'
import { rejectUnsupportedParams } from './params.js'
import { withPresetChecks } from './preset.js'

/** The API version the doc's examples pin (`Accept: application/json; version=1.0.0`). */
export const MODEL_PORTFOLIOS_API_VERSION = '1.0.0'
/** "Step 1 - Request an Access Token": `POST $BASE_URL/oauth/token`. */
export const MODEL_PORTFOLIOS_TOKEN_PATH = '/oauth/token'
/** Tokens last 24 hours, `expiresIn: 86400` (vendor doc, Step 3; docs/vendors/model-portfolios.md). */
export const MODEL_PORTFOLIOS_TOKEN_LIFETIME_SECONDS = 86_400

export interface ModelPortfoliosOptions {
  clientId: string
  clientSecret: string
  /** The vendor's `$BASE_URL` (no default); the token endpoint is `{baseUrl}/oauth/token`. */
  baseUrl: string
  /** Sent as `Accept: application/json; version={apiVersion}`. Default `1.0.0`. */
  apiVersion?: string
}

/**
 * The `Accept` value the vendor wants on the token request AND on every API call
 * (`Accept: application/json; version=1.0.0` in both of the doc's examples).
 */
export function modelPortfoliosAccept(apiVersion: string = MODEL_PORTFOLIOS_API_VERSION): string {
  return `application/json; version=${apiVersion}`
}

/**
 * Headers the vendor wants on its API calls besides Authorization. `manager.fetch` sends them
 * by default (the source's `apiHeaders`); use this with another HTTP client.
 * @example
 * await fetch(`${baseUrl}/model-portfolios`, {
 *   headers: { ...modelPortfoliosHeaders(), authorization: token.authorization },
 * })
 */
export function modelPortfoliosHeaders(apiVersion?: string): Record<string, string> {
  return { accept: modelPortfoliosAccept(apiVersion) }
}

/**
 * Maps the documented answer `{ accessTtoken, expiresIn, tokenType: "bearer" }` (sic: the doc
 * spells it `accessTtoken`; the corrected `accessToken` is taken too) to RFC 6749 names.
 * `bearer` is sent on as `Bearer`.
 */
export function mapModelPortfoliosResponse(body: unknown): TokenResponse {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const accessToken =
    typeof answer.accessTtoken === 'string' ? answer.accessTtoken : answer.accessToken
  const tokenType =
    typeof answer.tokenType === 'string' && answer.tokenType.toLowerCase() === 'bearer'
      ? 'Bearer'
      : answer.tokenType
  return { accessToken, tokenType, expiresIn: answer.expiresIn }
}

/**
 * The model-portfolio vendor's client credentials: `POST {baseUrl}/oauth/token` with the JSON
 * body `{ client_id, client_secret, grant_type: "client_credentials" }` and the headers
 * `Accept: application/json; version=1.0.0` and `Content-Type: application/json`.
 * API calls need the same Accept header: `manager.fetch` sends it unless the call sets its own.
 * @example
 * manager.register('modelPortfolios', modelPortfolios({ clientId, clientSecret, baseUrl }))
 * const res = await manager.fetch('modelPortfolios', `${baseUrl}/model-portfolios`)
 */
export function modelPortfolios(options: ModelPortfoliosOptions): TokenSource {
  const {
    clientId,
    clientSecret,
    baseUrl,
    apiVersion = MODEL_PORTFOLIOS_API_VERSION,
  } = presetOptions(options, 'modelPortfolios', '{ clientId, clientSecret, baseUrl, apiVersion? }')
  const source = clientCredentials({
    tokenUrl: joinUrl(baseUrl, MODEL_PORTFOLIOS_TOKEN_PATH),
    clientId,
    clientSecret,
    auth: 'json',
    headers: { accept: modelPortfoliosAccept(apiVersion) },
    mapResponse: mapModelPortfoliosResponse,
    normalizeParams(params, vendor) {
      // The documented body has exactly three fields: no scope, nothing else to send.
      rejectUnsupportedParams(params, [], vendor)
      return params
    },
  })
  return withPresetChecks(source, {
    preset: 'modelPortfolios',
    check(vendor, { allowInsecureHttp }) {
      requireText(clientId, 'clientId', vendor)
      requireText(clientSecret, 'clientSecret', vendor)
      checkBaseUrl(baseUrl, 'baseUrl', vendor, allowInsecureHttp)
      if (typeof apiVersion !== 'string' || !/^\d+(\.\d+)*$/.test(apiVersion)) {
        throw new ConfigurationError('apiVersion must look like 1.0.0', { vendor })
      }
    },
    defaultLifetimeSeconds: MODEL_PORTFOLIOS_TOKEN_LIFETIME_SECONDS,
    // "Accept: application/json; version=1.0.0" on every API call too (both doc examples).
    apiHeaders: modelPortfoliosHeaders(apiVersion),
  })
}
