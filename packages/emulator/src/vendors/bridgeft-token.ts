import type { EmulatorContext } from '../context.js'
import { sendJsonWithFault } from '../fault-body.js'
import { mediaType, parseBasic, readBody, sameSecret, sendOAuthError } from '../http.js'
import { signJwt } from '../jwt.js'
import type { KeyRing } from '../keys.js'
import type { EndpointRequest } from '../router.js'

/** Documented constants of the BridgeFT access token. */
export const bridgeftToken = {
  issuer: 'api.bridgeft.com/v2/oauth2/token',
  audience: 'bridgeft/api',
} as const

/** Options of the BridgeFT emulation. */
export interface BridgeftSetup {
  clientId: string
  clientSecret: string
}

/** `"39, 792"` -> [39, 792]; undefined when any entry is not a positive integer. */
export function parseFirmIds(value: string): number[] | undefined {
  const parts = value.split(',').map((part) => part.trim())
  if (!parts.every((part) => /^[1-9]\d{0,9}$/.test(part))) return undefined
  return [...new Set(parts.map(Number))]
}

/**
 * `POST /bridgeft/v2/oauth2/token`: RFC 6749 2.3.1 Basic only, form body,
 * `grant_type=client_credentials`, optional `firm_ids` ("39, 792"); answers
 * `{ TokenType, ExpiresIn, AccessToken }` with an RS256 JWT carrying the documented claims.
 */
export function bridgeftTokenEndpoint(
  ctx: EmulatorContext,
  setup: BridgeftSetup,
  ring: KeyRing,
): (request: EndpointRequest) => Promise<void> {
  const basicChallenge = { 'www-authenticate': 'Basic realm="api.bridgeft.com"' }
  return async ({ req, res, fault }) => {
    const raw = (await readBody(req)).toString('utf8')
    const isForm = mediaType(req) === 'application/x-www-form-urlencoded'
    const form = new URLSearchParams(isForm ? raw : '')
    ctx.stats.grantType('bridgeft', form.get('grant_type') ?? undefined)

    const basic = parseBasic(req.headers.authorization, { formEncoded: true })
    if (!basic) {
      return sendOAuthError(
        res,
        401,
        'invalid_client',
        'HTTP Basic client authentication is required',
        basicChallenge,
      )
    }
    if (basic.id !== setup.clientId || !sameSecret(basic.secret, setup.clientSecret)) {
      return sendOAuthError(
        res,
        401,
        'invalid_client',
        'client authentication failed',
        basicChallenge,
      )
    }
    if (!isForm) {
      return sendOAuthError(
        res,
        400,
        'invalid_request',
        'the body must be application/x-www-form-urlencoded',
      )
    }
    if (form.has('client_secret')) {
      return sendOAuthError(
        res,
        400,
        'invalid_request',
        'client credentials must only be sent in the Authorization header',
      )
    }
    for (const name of ['grant_type', 'firm_ids']) {
      if (form.getAll(name).length > 1) {
        return sendOAuthError(res, 400, 'invalid_request', `${name} must not be repeated`)
      }
    }
    const grantType = form.get('grant_type')
    if (!grantType) return sendOAuthError(res, 400, 'invalid_request', 'grant_type is required')
    if (grantType !== 'client_credentials') {
      return sendOAuthError(
        res,
        400,
        'unsupported_grant_type',
        'only client_credentials is supported',
      )
    }
    const firmIdsParam = form.get('firm_ids')
    const firmIds = firmIdsParam === null ? null : parseFirmIds(firmIdsParam)
    if (firmIds === undefined) {
      return sendOAuthError(
        res,
        400,
        'invalid_request',
        'firm_ids must be a comma separated list of firm ids',
      )
    }

    const ttl = ctx.ttlSeconds('bridgeft', fault)
    const iat = Math.floor(ctx.now() / 1000)
    const accessToken = await signJwt(
      {
        app: {
          application_id: 1,
          application_name: 'BridgeFT Emulator Client',
          client_id: setup.clientId,
          firm_ids: firmIds,
          organization_id: 1,
        },
        aud: [bridgeftToken.audience],
        exp: iat + ttl,
        iat,
        iss: bridgeftToken.issuer,
        sub: setup.clientId,
      },
      ring,
    )
    ctx.revocations.issued('bridgeft', accessToken, ctx.now())
    const answer = { TokenType: 'Bearer', ExpiresIn: ttl, AccessToken: accessToken }
    sendJsonWithFault(res, 200, answer, fault, ctx.signal)
  }
}
