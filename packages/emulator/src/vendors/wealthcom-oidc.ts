import { randomBytes } from 'node:crypto'
import type { Provider } from 'oidc-provider'
import type { EmulatorContext } from '../context.js'
import { type VerifyOutcome, verifyJwt } from '../jwt.js'
import { KeyRing } from '../keys.js'
import { OidcStorage } from '../oidc/adapter.js'
import { oidcMount } from '../oidc/mount.js'
import { testLoginRoutes } from '../oidc/test-login.js'
import type { Mount, Route } from '../router.js'
import { createWealthcomProvider, type WealthcomOidcSetup } from './wealthcom-provider.js'

export type { WealthcomOidcSetup } from './wealthcom-provider.js'

/** The advisor sign-in provider, plus what the user endpoints and the emulator API need. */
export interface WealthcomOidc {
  issuer: string
  /** Audience (resource indicator) of the user access tokens: the Advisor API base URL. */
  audience: string
  jwksUri: string
  /** The current redirect URIs (the same array is updated in place). */
  redirectUris: string[]
  routes: Route[]
  mounts: Mount[]
  /** Verifies a user access token (RS256, kid, issuer, audience, at+jwt, not m2m, not revoked). */
  verifyUserToken(token: string): Promise<VerifyOutcome>
  setRedirectUris(uris: readonly string[]): void
  /** Registers one more client (oidc-provider client metadata, e.g. client_id, redirect_uris). */
  addClient(metadata: Record<string, unknown>): void
  rotateKeys(): Promise<void>
}

/**
 * Wealth.com advisor sign-in: a second oidc-provider under `/wealthcom/oidc` with authorization
 * code + PKCE (S256 only, always required), rotating refresh tokens, RS256 JWT access tokens for
 * the Advisor API (resource indicators with a default resource), ID tokens, revocation, a
 * confidential and a public client, and the emulator's test login pages.
 */
export function wealthcomOidc(ctx: EmulatorContext, setup: WealthcomOidcSetup): WealthcomOidc {
  const prefix = '/wealthcom/oidc'
  const issuer = `${ctx.url}${prefix}`
  const audience = `${ctx.url}/wealthcom`
  const ring = new KeyRing()
  const storage = new OidcStorage() // kept across key rotations (sessions, grants, refresh tokens)
  const cookieKeys = [randomBytes(24).toString('base64url')]
  const redirectUris = [...setup.redirectUris]

  async function build(): Promise<{
    provider: Provider
    handler: ReturnType<Provider['callback']>
  }> {
    const key = await ring.current()
    const provider = await createWealthcomProvider({
      ctx,
      setup,
      prefix,
      issuer,
      audience,
      key,
      storage,
      cookieKeys,
      redirectUris,
    })
    return { provider, handler: provider.callback() }
  }

  // Built on the first request (it needs the RSA key); a failed build is retried next time.
  let current: ReturnType<typeof build> | undefined
  const built = () => {
    current ??= build().catch((error: unknown) => {
      current = undefined
      ctx.logger.error?.('wealthcom provider failed to start', { error: String(error) })
      throw error
    })
    return current
  }

  return {
    issuer,
    audience,
    jwksUri: `${issuer}/jwks`,
    redirectUris,
    routes: testLoginRoutes({
      vendor: 'wealthcom',
      prefix,
      provider: async () => (await built()).provider,
      login: setup.testLogin,
    }),
    mounts: [
      oidcMount({ vendor: 'wealthcom', prefix, ctx, handler: async () => (await built()).handler }),
    ],
    async verifyUserToken(token) {
      const outcome = await verifyJwt(token, ring, {
        issuer,
        audience,
        typ: 'at+jwt',
        now: ctx.now(),
      })
      if (!outcome.ok) return outcome
      const { payload } = outcome
      if (payload.sub === payload.client_id) {
        return {
          ok: false,
          reason: 'invalid',
          description: 'client credentials (m2m) tokens are not accepted',
        }
      }
      if (ctx.revocations.isRevoked('wealthcom', token, payload.iat)) {
        return { ok: false, reason: 'invalid', description: 'the access token was revoked' }
      }
      return outcome
    },
    setRedirectUris(uris) {
      redirectUris.splice(0, redirectUris.length, ...uris)
    },
    addClient(metadata) {
      if (typeof metadata.client_id !== 'string')
        throw new TypeError('client metadata needs a client_id')
      storage.set(`Client:${metadata.client_id}`, { ...metadata }, undefined)
    },
    async rotateKeys() {
      await ring.rotate()
      const next = build()
      await next
      current = next
    },
  }
}
