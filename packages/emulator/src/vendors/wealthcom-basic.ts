import type { ServerResponse } from 'node:http'
import type { EmulatorContext, VendorModule } from '../context.js'
import { sendJsonWithFault } from '../fault-body.js'
import {
  bearerToken,
  mediaType,
  parseBasic,
  readBody,
  sameSecret,
  sendOAuthError,
} from '../http.js'
import type { VerifyOutcome } from '../jwt.js'
import type { EndpointRequest, Route } from '../router.js'
import type { Rejection } from '../stats.js'

/** Options of the Wealth.com Advisor API emulation. */
export interface WealthcomBasicSetup {
  username: string
  password: string
  /** Verifies an advisor's user access token (from the wealthcom provider). */
  verifyUserToken(token: string): Promise<VerifyOutcome>
}

interface AdvisorClient {
  id: string
  advisor_id: string
  team_id: string
  [field: string]: unknown
}

const challenge = 'Basic realm="advisor-api.wealth.com", Bearer realm="advisor-api.wealth.com"'

/**
 * Wealth.com Advisor API: `GET /wealthcom/v1/clients` (listClients), `POST` (createClient) and
 * `GET /wealthcom/v1/clients/:id` (getClient), with Basic username/password or an advisor's
 * OAuth2 user access token (never an ID token, never a client-credentials token).
 */
export function wealthcomBasic(ctx: EmulatorContext, setup: WealthcomBasicSetup): VendorModule {
  const clients: AdvisorClient[] = [
    {
      id: 'emu-client-0001',
      advisor_id: 'emu-advisor-01',
      team_id: 'emu-team-01',
      first_name: 'Ada',
      last_name: 'Emulated',
    },
    {
      id: 'emu-client-0002',
      advisor_id: 'emu-advisor-01',
      team_id: 'emu-team-01',
      first_name: 'Alan',
      last_name: 'Emulated',
    },
  ]

  function refuse(res: ServerResponse, why: Rejection, description: string): false {
    ctx.stats.rejected('wealthcom', why)
    sendOAuthError(res, 401, why === 'expired' ? 'invalid_token' : 'unauthorized', description, {
      'www-authenticate': challenge,
    })
    return false
  }

  /** True when the request carries the Basic credentials or a valid user token; else answers 401. */
  async function authorized({ req, res }: EndpointRequest): Promise<boolean> {
    const header = req.headers.authorization
    if (!header) return refuse(res, 'invalid', 'Basic credentials or a bearer token are required')
    if (/^basic /i.test(header)) {
      // Wealth.com documents plain Basic (RFC 7617) for its username/password.
      const basic = parseBasic(header, { formEncoded: false })
      if (basic && basic.id === setup.username && sameSecret(basic.secret, setup.password))
        return true
      return refuse(res, 'invalid', 'wrong username or password')
    }
    const token = bearerToken(req)
    if (!token) return refuse(res, 'invalid', 'unsupported Authorization scheme')
    const outcome = await setup.verifyUserToken(token)
    return outcome.ok || refuse(res, outcome.reason, outcome.description)
  }

  async function list(request: EndpointRequest): Promise<void> {
    request.req.resume()
    if (!(await authorized(request))) return
    sendJsonWithFault(request.res, 200, { data: clients }, request.fault, ctx.signal)
  }

  async function get(request: EndpointRequest): Promise<void> {
    request.req.resume()
    if (!(await authorized(request))) return
    const found = clients.find((client) => client.id === request.params.id)
    if (!found) return sendOAuthError(request.res, 404, 'not_found', 'no such client')
    sendJsonWithFault(request.res, 200, found, request.fault, ctx.signal)
  }

  async function create(request: EndpointRequest): Promise<void> {
    const { req, res } = request
    const raw = (await readBody(req)).toString('utf8')
    if (!(await authorized(request))) return
    if (mediaType(req) !== 'application/json') {
      return sendOAuthError(res, 415, 'unsupported_media_type', 'the body must be application/json')
    }
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      return sendOAuthError(res, 400, 'invalid_request', 'the body must be JSON')
    }
    if (typeof body?.advisor_id !== 'string' || typeof body.team_id !== 'string') {
      return sendOAuthError(res, 400, 'invalid_request', 'advisor_id and team_id are required')
    }
    const created: AdvisorClient = {
      ...body,
      id: `emu-client-${String(clients.length + 1).padStart(4, '0')}`,
      advisor_id: body.advisor_id,
      team_id: body.team_id,
    }
    clients.push(created)
    sendJsonWithFault(res, 201, created, request.fault, ctx.signal)
  }

  const routes: Route[] = []
  for (const path of ['/wealthcom/v1/clients', '/wealthcom/v1/clients/']) {
    routes.push(
      { vendor: 'wealthcom', kind: 'resource', method: 'GET', path, handle: list },
      { vendor: 'wealthcom', kind: 'resource', method: 'POST', path, handle: create },
    )
  }
  routes.push({
    vendor: 'wealthcom',
    kind: 'resource',
    method: 'GET',
    path: '/wealthcom/v1/clients/:id',
    handle: get,
  })
  return { routes }
}
