import type { EmulatorContext, VendorModule } from '../context.js'
import { rejectToken } from '../context.js'
import { sendJsonWithFault } from '../fault-body.js'
import { bearerToken } from '../http.js'
import { verifyJwt } from '../jwt.js'
import { KeyRing } from '../keys.js'
import type { EndpointRequest } from '../router.js'
import { type BridgeftSetup, bridgeftToken, bridgeftTokenEndpoint } from './bridgeft-token.js'

export { bridgeftToken } from './bridgeft-token.js'

/** The firms the emulated application can see, with their (fake) accounts. */
const accounts = [
  { id: 101, firm_id: 39, account_number: 'EMU-39-0001', name: 'Emulated Household A' },
  { id: 102, firm_id: 39, account_number: 'EMU-39-0002', name: 'Emulated Household B' },
  { id: 201, firm_id: 792, account_number: 'EMU-792-0001', name: 'Emulated Trust C' },
  { id: 202, firm_id: 792, account_number: 'EMU-792-0002', name: 'Emulated IRA D' },
  { id: 301, firm_id: 1001, account_number: 'EMU-1001-0001', name: 'Emulated Joint E' },
]

/**
 * BridgeFT M2M: `POST /bridgeft/v2/oauth2/token` (RFC 6749 2.3.1 Basic, form body,
 * `grant_type=client_credentials`, optional `firm_ids`) answering PascalCase with an RS256 JWT;
 * `GET /bridgeft/v2/accounts` (bearer, firm scoping); `GET /bridgeft/.well-known/jwks.json`.
 */
export function bridgeft(ctx: EmulatorContext, setup: BridgeftSetup): VendorModule {
  const ring = new KeyRing()

  async function listAccounts({ req, res, fault }: EndpointRequest): Promise<void> {
    req.resume()
    const presented = bearerToken(req)
    if (!presented)
      return rejectToken(ctx, res, 'bridgeft', 'invalid', 'a bearer token is required', false)
    const outcome = await verifyJwt(presented, ring, { ...bridgeftToken, now: ctx.now() })
    if (!outcome.ok) return rejectToken(ctx, res, 'bridgeft', outcome.reason, outcome.description)
    if (ctx.revocations.isRevoked('bridgeft', presented, outcome.payload.iat)) {
      return rejectToken(ctx, res, 'bridgeft', 'invalid', 'the access token was revoked')
    }
    const app = outcome.payload.app as { firm_ids?: number[] | null } | undefined
    const firmIds = app?.firm_ids ?? null
    const data = accounts.filter((account) => firmIds === null || firmIds.includes(account.firm_id))
    sendJsonWithFault(res, 200, { data, meta: { count: data.length } }, fault, ctx.signal)
  }

  return {
    routes: [
      {
        vendor: 'bridgeft',
        kind: 'token',
        method: 'POST',
        path: '/bridgeft/v2/oauth2/token',
        handle: bridgeftTokenEndpoint(ctx, setup, ring),
      },
      {
        vendor: 'bridgeft',
        kind: 'resource',
        method: 'GET',
        path: '/bridgeft/v2/accounts',
        handle: listAccounts,
      },
      {
        vendor: 'bridgeft',
        kind: 'jwks',
        method: 'GET',
        path: '/bridgeft/.well-known/jwks.json',
        handle: async ({ res, fault }) =>
          sendJsonWithFault(res, 200, await ring.jwks(), fault, ctx.signal),
      },
    ],
    rotateKeys: () => ring.rotate(),
  }
}
