import type { Configuration, ProviderContext } from 'oidc-provider'
import type { EmulatorContext } from '../context.js'
import { faultOf } from '../faults.js'
import { escapeHtml } from '../html.js'
import type { SigningKey } from '../keys.js'
import type { VendorName } from '../types.js'
import type { OidcStorage } from './adapter.js'

/** Inputs shared by both oidc-provider instances. */
export interface BaseConfigInput {
  vendor: VendorName
  ctx: EmulatorContext
  storage: OidcStorage
  key: SigningKey
  /** Cookie signing keys; kept across key rotations so sessions survive them. */
  cookieKeys: string[]
  refreshTokenTtlSeconds: number
}

/**
 * The configuration both providers share: the emulator's own storage and signing key, access-token
 * lifetimes from the emulator's options and faults, and every hook oidc-provider would otherwise
 * warn about on the console.
 */
export function baseConfig(input: BaseConfigInput): Configuration {
  const { vendor, ctx } = input
  const accessTokenTtl = (context?: ProviderContext) =>
    ctx.ttlSeconds(vendor, faultOf(context?.req))
  return {
    adapter: input.storage.factory(),
    jwks: { keys: [input.key.privateJwk] },
    cookies: { keys: input.cookieKeys },
    clientBasedCORS: () => true,
    findAccount: async (_context: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, email: sub, email_verified: true, name: 'Emulated Advisor' }),
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    renderError: async (context: ProviderContext, out: Record<string, unknown>) => {
      context.type = 'html'
      context.body = `<!doctype html><html><head><title>${escapeHtml(out.error)}</title></head><body><h1>${escapeHtml(
        out.error,
      )}</h1><p>${escapeHtml(out.error_description)}</p></body></html>`
    },
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: input.refreshTokenTtlSeconds,
      Interaction: 3600,
      Session: 14 * 86_400,
      Grant: input.refreshTokenTtlSeconds + 86_400,
    },
  }
}
