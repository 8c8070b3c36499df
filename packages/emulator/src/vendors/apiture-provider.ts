import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Provider } from 'oidc-provider'
import type { EmulatorContext } from '../context.js'
import { parseBasic, sameSecret, sendOAuthError } from '../http.js'
import { createSigningKey } from '../keys.js'
import { OidcStorage } from '../oidc/adapter.js'
import { baseConfig } from '../oidc/base-config.js'
import { installHooks } from '../oidc/hooks.js'
import { loadOidcProvider } from '../oidc/load.js'

/** The scopes of the emulated Apiture application. */
export const apitureScopes = ['banking/read', 'banking/write'] as const

/** Options of the Apiture emulation. */
export interface ApitureSetup {
  clientId: string
  clientSecret: string
}

/** The oidc-provider instance: client_credentials only, opaque access tokens. */
export async function createApitureProvider(
  ctx: EmulatorContext,
  setup: ApitureSetup,
  issuer: string,
): Promise<Provider> {
  const { Provider } = await loadOidcProvider()
  const provider = new Provider(issuer, {
    ...baseConfig({
      vendor: 'apiture',
      ctx,
      storage: new OidcStorage(),
      // Apiture's tokens are opaque; the key only signs ID tokens, which this client never gets.
      key: await createSigningKey('ES256'),
      cookieKeys: [randomBytes(24).toString('base64url')],
      refreshTokenTtlSeconds: 86_400,
    }),
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    clients: [
      {
        client_id: setup.clientId,
        client_secret: setup.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: apitureScopes.join(' '),
      },
    ],
    scopes: ['openid', 'offline_access', ...apitureScopes],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: false },
    },
  })
  installHooks(provider, 'apiture', ctx)
  return provider
}

/**
 * Apiture's doc asks for the Basic header AND client_id/client_secret in the form; oidc-provider
 * (rightly, per RFC 6749) refuses two mechanisms, so the documented shape is accepted here when
 * both agree and handed on as plain client_secret_basic; when they differ: 401 invalid_client.
 * The doc also requires `scope`: an authenticated request without one gets 400 invalid_scope.
 */
export function apitureBeforeToken(setup: ApitureSetup, issuer: string) {
  const matches = (id: string | null | undefined, secret: string | null | undefined) =>
    id === setup.clientId && typeof secret === 'string' && sameSecret(secret, setup.clientSecret)

  return (
    req: IncomingMessage,
    res: ServerResponse,
    form: URLSearchParams,
  ): URLSearchParams | undefined => {
    const basic = parseBasic(req.headers.authorization, { formEncoded: true })
    const formSecret = form.get('client_secret')
    if (req.headers.authorization !== undefined && formSecret !== null) {
      if (!basic || basic.id !== form.get('client_id') || !sameSecret(basic.secret, formSecret)) {
        const description = 'the Authorization header and the form carry different credentials'
        sendOAuthError(res, 401, 'invalid_client', description, {
          'www-authenticate': `Basic realm="${issuer}"`,
        })
        return undefined
      }
      form.delete('client_secret')
    }
    const authenticated =
      matches(basic?.id, basic?.secret) || matches(form.get('client_id'), formSecret)
    if (authenticated && form.get('grant_type') === 'client_credentials' && !form.get('scope')) {
      sendOAuthError(res, 400, 'invalid_scope', `scope is required (${apitureScopes.join(' ')})`)
      return undefined
    }
    return form
  }
}
