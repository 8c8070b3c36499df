import { randomBytes } from 'node:crypto'
import type { EmulatorContext, VendorModule } from '../context.js'
import { rejectToken } from '../context.js'
import { sendJsonWithFault } from '../fault-body.js'
import { bearerToken, mediaType, readBody, sameSecret, sendOAuthError } from '../http.js'
import type { EndpointRequest } from '../router.js'
import { refusedAccept } from './model-portfolios-accept.js'

export { modelPortfoliosApiVersion } from './model-portfolios-accept.js'

const portfolios = [
  { id: 'mp-001', name: 'Emulated Conservative 30/70', riskLevel: 2 },
  { id: 'mp-002', name: 'Emulated Balanced 60/40', riskLevel: 3 },
  { id: 'mp-003', name: 'Emulated Growth 90/10', riskLevel: 5 },
]

/** Options of the model-portfolio emulation. */
export interface ModelPortfoliosSetup {
  clientId: string
  clientSecret: string
  correctedSpelling: boolean
}

/**
 * The model-portfolio vendor: `POST /modelportfolios/oauth/token` (JSON body with client_id,
 * client_secret, grant_type; `Accept: application/json; version=1.0.0`) answering
 * `{ accessTtoken, expiresIn, tokenType: "bearer" }` (sic); `GET /modelportfolios/model-portfolios`.
 */
export function modelPortfolios(ctx: EmulatorContext, setup: ModelPortfoliosSetup): VendorModule {
  const issued = new Map<string, number>() // opaque token -> exp (ms)

  function remember(token: string, expiresAt: number): void {
    issued.set(token, expiresAt)
    if (issued.size % 1000 === 0) {
      // Forget tokens that expired more than an hour ago (until then they answer "expired").
      const horizon = ctx.now() - 3_600_000
      for (const [value, exp] of issued) if (exp < horizon) issued.delete(value)
    }
  }

  async function token({ req, res, fault }: EndpointRequest): Promise<void> {
    const raw = (await readBody(req)).toString('utf8')
    let body: Record<string, unknown> | undefined
    if (mediaType(req) === 'application/json') {
      try {
        const parsed: unknown = JSON.parse(raw)
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          body = parsed as Record<string, unknown>
      } catch {
        body = undefined
      }
    }
    ctx.stats.grantType(
      'modelPortfolios',
      typeof body?.grant_type === 'string' ? body.grant_type : undefined,
    )
    if (refusedAccept(req, res)) return
    if (mediaType(req) !== 'application/json') {
      return sendOAuthError(res, 415, 'unsupported_media_type', 'the body must be application/json')
    }
    if (!body) return sendOAuthError(res, 400, 'invalid_request', 'the body must be a JSON object')
    const { client_id: clientId, client_secret: clientSecret, grant_type: grantType } = body
    if (typeof clientId !== 'string' || typeof clientSecret !== 'string') {
      return sendOAuthError(
        res,
        400,
        'invalid_request',
        'client_id and client_secret are required in the body',
      )
    }
    if (clientId !== setup.clientId || !sameSecret(clientSecret, setup.clientSecret)) {
      return sendOAuthError(res, 401, 'invalid_client', 'client authentication failed')
    }
    if (typeof grantType !== 'string')
      return sendOAuthError(res, 400, 'invalid_request', 'grant_type is required')
    if (grantType !== 'client_credentials') {
      return sendOAuthError(
        res,
        400,
        'unsupported_grant_type',
        'only client_credentials is supported',
      )
    }
    const ttl = ctx.ttlSeconds('modelPortfolios', fault)
    const accessToken = `emu-mp-${randomBytes(32).toString('base64url')}`
    remember(accessToken, ctx.now() + ttl * 1000)
    ctx.revocations.issued('modelPortfolios', accessToken, ctx.now())
    const tokenField = setup.correctedSpelling ? 'accessToken' : 'accessTtoken'
    const answer = { [tokenField]: accessToken, expiresIn: ttl, tokenType: 'bearer' }
    sendJsonWithFault(res, 200, answer, fault, ctx.signal)
  }

  async function list({ req, res, fault }: EndpointRequest): Promise<void> {
    req.resume()
    if (refusedAccept(req, res)) return
    const presented = bearerToken(req)
    if (!presented)
      return rejectToken(
        ctx,
        res,
        'modelPortfolios',
        'invalid',
        'a bearer token is required',
        false,
      )
    const expiresAt = issued.get(presented)
    if (expiresAt === undefined)
      return rejectToken(ctx, res, 'modelPortfolios', 'invalid', 'unknown access token')
    if (ctx.now() >= expiresAt)
      return rejectToken(ctx, res, 'modelPortfolios', 'expired', 'the access token expired')
    if (ctx.revocations.isRevoked('modelPortfolios', presented)) {
      return rejectToken(ctx, res, 'modelPortfolios', 'invalid', 'the access token was revoked')
    }
    sendJsonWithFault(res, 200, { data: portfolios }, fault, ctx.signal)
  }

  return {
    routes: [
      {
        vendor: 'modelPortfolios',
        kind: 'token',
        method: 'POST',
        path: '/modelportfolios/oauth/token',
        handle: token,
      },
      {
        vendor: 'modelPortfolios',
        kind: 'resource',
        method: 'GET',
        path: '/modelportfolios/model-portfolios',
        handle: list,
      },
    ],
  }
}
