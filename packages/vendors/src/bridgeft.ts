import type { TokenResponse, TokenSource } from '@vendor-token/core'
import { ConfigurationError, clientCredentials } from '@vendor-token/core'
import { assertFirmScope } from './bridgeft-claims.js'
import { firmIdsField, firmIdsNormalizer, toFirmId } from './bridgeft-firm-ids.js'
import { checkBaseUrl, joinUrl, presetOptions, requireText } from './config.js'
import { withPresetChecks } from './preset.js'

/** BridgeFT's production API. */
export const BRIDGEFT_BASE_URL = 'https://api.bridgeft.com'
/** The token path (BridgeFT doc, Retrieving an Access Token; docs/vendors/bridgeft.md). */
export const BRIDGEFT_TOKEN_PATH = '/v2/oauth2/token'
/** Tokens last one hour (BridgeFT doc, Access Token Expiration and Refresh). */
export const BRIDGEFT_TOKEN_LIFETIME_SECONDS = 3600

export interface BridgeftOptions {
  clientId: string
  clientSecret: string
  /** Default `https://api.bridgeft.com`; the token endpoint is `{baseUrl}/v2/oauth2/token`. */
  baseUrl?: string
  /**
   * The firms this app may ask tokens for (positive integers). When set, `getToken` params
   * must name `firmIds`, all in this list, else InvalidParamsError before any request.
   */
  allowedFirmIds?: readonly (number | string)[]
}

/**
 * Maps BridgeFT's PascalCase answer `{ TokenType, ExpiresIn, AccessToken }` to RFC 6749 names.
 * Anything else (e.g. snake_case) maps to no access token, which core reports as
 * InvalidTokenResponseError.
 */
export function mapBridgeftResponse(body: unknown): TokenResponse {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  return {
    accessToken: answer.AccessToken,
    tokenType: answer.TokenType,
    expiresIn: answer.ExpiresIn,
  }
}

/**
 * BridgeFT machine-to-machine tokens: `POST {baseUrl}/v2/oauth2/token` with RFC 6749 2.3.1
 * Basic client authentication and the form body `grant_type=client_credentials`, plus
 * `firm_ids=39, 792` when `getToken` is given `{ firmIds: [39, 792] }`. A scoped token is
 * checked to carry exactly those firms in `app.firm_ids` before it is handed out.
 * @example
 * manager.register('bridgeft', bridgeft({ clientId, clientSecret }))
 * const token = await manager.getToken('bridgeft', { firmIds: [39, 792] })
 * bridgeftClaims(token)?.app.firm_ids // [39, 792]
 */
export function bridgeft(options: BridgeftOptions): TokenSource {
  const {
    clientId,
    clientSecret,
    baseUrl = BRIDGEFT_BASE_URL,
    allowedFirmIds,
  } = presetOptions(options, 'bridgeft', '{ clientId, clientSecret, baseUrl?, allowedFirmIds? }')
  const allowed = Array.isArray(allowedFirmIds) ? new Set(allowedFirmIds.map(toFirmId)) : undefined
  const source = clientCredentials({
    tokenUrl: joinUrl(baseUrl, BRIDGEFT_TOKEN_PATH),
    clientId,
    clientSecret,
    auth: 'basic',
    extraParams: firmIdsField,
    mapResponse: mapBridgeftResponse,
    normalizeParams: firmIdsNormalizer(allowed as ReadonlySet<number> | undefined),
  })
  return withPresetChecks(source, {
    preset: 'bridgeft',
    check(vendor, { allowInsecureHttp }) {
      requireText(clientId, 'clientId', vendor)
      requireText(clientSecret, 'clientSecret', vendor)
      checkBaseUrl(baseUrl, 'baseUrl', vendor, allowInsecureHttp)
      if (allowedFirmIds !== undefined) checkAllowedFirmIds(allowedFirmIds, allowed, vendor)
    },
    defaultLifetimeSeconds: BRIDGEFT_TOKEN_LIFETIME_SECONDS,
    async requestToken(context) {
      const answer = await source.requestToken(context)
      const firmIds = context.params.firmIds as readonly number[] | undefined
      if (firmIds !== undefined) assertFirmScope(answer.accessToken, firmIds, context.vendor)
      return answer
    },
  })
}

/** @throws ConfigurationError unless `allowedFirmIds` is a non-empty list of positive integers */
function checkAllowedFirmIds(
  list: unknown,
  allowed: ReadonlySet<number | undefined> | undefined,
  vendor: string,
): void {
  if (!Array.isArray(list) || list.length === 0 || allowed?.has(undefined)) {
    throw new ConfigurationError(
      'allowedFirmIds must be a non-empty list of positive integers (numbers or digit strings)',
      { vendor },
    )
  }
}
