import { InvalidTokenResponseError } from '@vendor-token/core'
import { decodeJwtPayload } from '@vendor-token/core/adapter'

/** The documented payload of a BridgeFT access token (a JWT; see "Access Token Contents"). */
export interface BridgeftTokenClaims {
  /** BridgeFT's custom claims. */
  app: {
    application_id: number
    application_name: string
    /** The client_id of the application (logged with each API request). */
    client_id: string
    /** The firms the token is scoped to; `null`: all firms the application can access. */
    firm_ids: number[] | null
    organization_id: number
  }
  aud: string[]
  exp: number
  iat: number
  /** Always `api.bridgeft.com/v2/oauth2/token`. */
  iss: string
  /** Always the client_id. */
  sub: string
}

/**
 * The BridgeFT claims of a token from the manager (`token.claims`, decoded but not verified),
 * or undefined when the token carries no `app` claim.
 * @example
 * const token = await manager.getToken('bridgeft', { firmIds: [39, 792] })
 * bridgeftClaims(token)?.app.firm_ids // [39, 792]
 */
export function bridgeftClaims(token: {
  claims?: Record<string, unknown> | undefined
}): BridgeftTokenClaims | undefined {
  const app = token.claims?.app
  return typeof app === 'object' && app !== null
    ? (token.claims as unknown as BridgeftTokenClaims)
    : undefined
}

/**
 * The doc promises that a token asked for with `firm_ids` carries exactly those firms in
 * `app.firm_ids`. A token that does not (a server that ignored the field would give an
 * all-firms token) must not reach callers who asked for a narrower one.
 * @throws InvalidTokenResponseError
 */
export function assertFirmScope(accessToken: unknown, firmIds: readonly number[], vendor: string) {
  const claims = typeof accessToken === 'string' ? decodeJwtPayload(accessToken) : undefined
  const app = claims?.app as { firm_ids?: unknown } | undefined
  const granted = Array.isArray(app?.firm_ids) ? [...new Set(app.firm_ids.map(Number))] : undefined
  const same =
    granted !== undefined &&
    granted.length === firmIds.length &&
    [...granted].sort((a, b) => a - b).every((id, index) => id === firmIds[index])
  if (!same) {
    throw new InvalidTokenResponseError(
      `the token is not scoped to the requested firm_ids ${firmIds.join(', ')} (app.firm_ids: ${JSON.stringify(app?.firm_ids ?? null).slice(0, 200)})`,
      { vendor },
    )
  }
}
