import type { EmulatorContext, VendorModule } from '../context.js'
import { rejectToken } from '../context.js'
import { sendJsonWithFault } from '../fault-body.js'
import { bearerToken, sendOAuthError } from '../http.js'
import { oidcMount } from '../oidc/mount.js'
import type { EndpointRequest } from '../router.js'
import { type ApitureSetup, apitureBeforeToken, createApitureProvider } from './apiture-provider.js'

export { apitureScopes } from './apiture-provider.js'

const accounts = [
  {
    id: 'emu-acct-0001',
    name: 'Emulated Checking',
    type: 'checking',
    balance: { value: '1520.33', currency: 'USD' },
  },
  {
    id: 'emu-acct-0002',
    name: 'Emulated Savings',
    type: 'savings',
    balance: { value: '98200.00', currency: 'USD' },
  },
]

/**
 * Apiture: a real oidc-provider under `/apiture/oidc` (discovery, client_credentials with
 * `banking/read banking/write`, client_secret_basic and client_secret_post, opaque tokens) and
 * `GET /apiture/banking/accounts`, which needs a valid token with `banking/read`. The provider is
 * built in the background when the emulator starts; requests wait for it.
 */
export function apiture(ctx: EmulatorContext, setup: ApitureSetup): VendorModule {
  const issuer = `${ctx.url}/apiture/oidc`
  const provider = createApitureProvider(ctx, setup, issuer)
  provider.catch((error: unknown) =>
    ctx.logger.error?.('apiture provider failed to start', { error: String(error) }),
  )
  const handler = provider.then((built) => built.callback())
  handler.catch(() => undefined)

  async function listAccounts({ req, res, fault }: EndpointRequest): Promise<void> {
    req.resume()
    const presented = bearerToken(req)
    if (!presented)
      return rejectToken(ctx, res, 'apiture', 'invalid', 'a bearer token is required', false)
    const token = await (await provider).ClientCredentials.find(presented, {
      ignoreExpiration: true,
    })
    if (!token) return rejectToken(ctx, res, 'apiture', 'invalid', 'unknown access token')
    if (token.exp * 1000 <= ctx.now()) {
      return rejectToken(ctx, res, 'apiture', 'expired', 'the access token expired')
    }
    if (ctx.revocations.isRevoked('apiture', presented, token.iat)) {
      return rejectToken(ctx, res, 'apiture', 'invalid', 'the access token was revoked')
    }
    if (!(token.scope ?? '').split(' ').includes('banking/read')) {
      ctx.stats.rejected('apiture', 'invalid')
      return sendOAuthError(res, 403, 'insufficient_scope', 'banking/read is required', {
        'www-authenticate':
          'Bearer realm="apiture", error="insufficient_scope", scope="banking/read"',
      })
    }
    sendJsonWithFault(res, 200, { items: accounts }, fault, ctx.signal)
  }

  return {
    routes: [
      {
        vendor: 'apiture',
        kind: 'resource',
        method: 'GET',
        path: '/apiture/banking/accounts',
        handle: listAccounts,
      },
    ],
    mounts: [
      oidcMount({
        vendor: 'apiture',
        prefix: '/apiture/oidc',
        ctx,
        handler: () => handler,
        beforeToken: apitureBeforeToken(setup, issuer),
      }),
    ],
  }
}
