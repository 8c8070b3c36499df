import type { Provider as ProviderType } from 'oidc-provider'
import type { EmulatorContext } from '../context.js'
import type { SigningKey } from '../keys.js'
import type { OidcStorage } from '../oidc/adapter.js'
import { baseConfig } from '../oidc/base-config.js'
import { installHooks } from '../oidc/hooks.js'
import { loadOidcProvider } from '../oidc/load.js'

/** Options of the Wealth.com advisor sign-in emulation. */
export interface WealthcomOidcSetup {
  clientId: string
  clientSecret: string
  publicClientId: string
  testLogin: { username: string; password: string }
  redirectUris: string[]
  allowAnyLoopbackRedirect: boolean
  refreshTokenTtlSeconds: number
}

/** What one build of the provider needs (a key rotation builds a new one). */
export interface WealthcomProviderInput {
  ctx: EmulatorContext
  setup: WealthcomOidcSetup
  prefix: string
  issuer: string
  audience: string
  key: SigningKey
  /** Shared by every build: sessions, grants and refresh tokens survive a rotation. */
  storage: OidcStorage
  cookieKeys: string[]
  /** The current redirect URIs (updated in place by setRedirectUris). */
  redirectUris: string[]
}

/** Whether `value` is an http URL on a loopback host (any port). */
export function isLoopbackHttp(value: string): boolean {
  const url = URL.parse(value)
  return Boolean(
    url &&
      url.protocol === 'http:' &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
      !url.hash,
  )
}

/**
 * The advisor sign-in provider: authorization code + PKCE (S256, always required), rotating
 * refresh tokens, RS256 JWT access tokens for the Advisor API (resource indicators with a default
 * resource), ID tokens, revocation, client_credentials for the confidential client (whose tokens
 * the Advisor API refuses), the emulator's test login as interaction pages.
 */
export async function createWealthcomProvider(
  input: WealthcomProviderInput,
): Promise<ProviderType> {
  const { Provider, errors } = await loadOidcProvider()
  const { ctx, setup, prefix, issuer, audience, redirectUris } = input
  const codeClient = {
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // Checked at sign-in through redirectUriAllowed below; the metadata needs at least one.
    redirect_uris: redirectUris.length ? [...redirectUris] : ['http://127.0.0.1/callback'],
  }
  const provider = new Provider(issuer, {
    ...baseConfig({
      vendor: 'wealthcom',
      ctx,
      storage: input.storage,
      key: input.key,
      cookieKeys: input.cookieKeys,
      refreshTokenTtlSeconds: setup.refreshTokenTtlSeconds,
    }),
    clients: [
      {
        ...codeClient,
        client_id: setup.clientId,
        client_secret: setup.clientSecret,
        grant_types: [...codeClient.grant_types, 'client_credentials'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      { ...codeClient, client_id: setup.publicClientId, token_endpoint_auth_method: 'none' },
    ],
    scopes: ['openid', 'offline_access', 'profile', 'email', 'clients:read', 'clients:write'],
    interactions: {
      url: async (_c: unknown, interaction: { uid: string }) =>
        `${prefix}/interaction/${interaction.uid}`,
    },
    pkce: { required: () => true },
    issueRefreshToken: async (_c: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    expiresWithSession: async () => false,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: async (
          _c: unknown,
          client: { clientId: string },
          token: { clientId: string },
        ) => token.clientId === client.clientId,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_c: unknown, indicator: string) => {
          if (indicator !== audience) throw new errors.InvalidTarget()
          return {
            scope: 'clients:read clients:write',
            audience,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }
        },
      },
    },
  })
  // Sample apps listen on random ports: any loopback http redirect is accepted when allowed.
  const registered = provider.Client.prototype.redirectUriAllowed
  provider.Client.prototype.redirectUriAllowed = function (
    this: ProviderType['Client']['prototype'],
    value: string,
  ) {
    if (redirectUris.includes(value)) return true
    if (setup.allowAnyLoopbackRedirect && isLoopbackHttp(value)) return true
    return registered.call(this, value)
  }
  installHooks(provider, 'wealthcom', ctx)
  return provider
}
