import { randomBytes } from 'node:crypto'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { loadOidcProvider } from '@vendor-token/emulator'
import { exportJWK, generateKeyPair } from 'jose'
import type { KoaContextWithOIDC, Provider, TokenLike } from 'oidc-provider'
import { certificateSubjectMatches } from './certificate-subject.js'
import { ProviderLog } from './provider-log.js'

/** Client metadata as oidc-provider takes it (RFC 7591 names), e.g. `token_endpoint_auth_method`. */
export type ClientMetadata = { client_id: string } & Record<string, unknown>

/** Options of {@link startOidcProvider}. */
export interface OidcProviderOptions {
  /** The clients the provider knows. */
  clients: ClientMetadata[]
  /**
   * The resource server (RFC 8707 indicator) every access token is issued for, as a JWT (RFC 9068).
   * Default `https://api.interop.test`.
   */
  resource?: string
  /** The scopes that resource server accepts. Default `api:read api:write`. */
  resourceScope?: string
  /** Access-token lifetime in seconds. Default 3600. */
  accessTokenTtl?: number
  /** Require a server-provided nonce in every DPoP proof (RFC 9449 section 8). Default false. */
  dpopNonce?: boolean
  /**
   * Serve over HTTPS and ask for a client certificate (RFC 8705): `ca` is what client
   * certificates are verified against for `tls_client_auth`; unverified certificates are still
   * accepted at the TLS layer so `self_signed_tls_client_auth` works.
   */
  tls?: { cert: string | Buffer; key: string | Buffer; ca: string | Buffer }
}

/** A running oidc-provider; see {@link startOidcProvider}. */
export interface OidcProviderServer {
  /** `http://127.0.0.1:<port>` (or `https://`): discovery is at `/.well-known/openid-configuration`. */
  issuer: string
  tokenUrl: string
  revocationUrl: string
  introspectionUrl: string
  jwksUrl: string
  /** The resource indicator (and JWT `aud`) of the access tokens. */
  resource: string
  /** What the provider did, from its documented events. */
  log: ProviderLog
  provider: Provider
  close(): Promise<void>
}

/**
 * Starts stock oidc-provider 9 in-process on 127.0.0.1 port 0. Features are turned on only through
 * its documented configuration: client credentials, revocation, introspection, resource indicators
 * issuing JWT access tokens (RFC 9068 `at+jwt`), DPoP, mutual TLS with certificate-bound access
 * tokens, refresh-token rotation on every use, and the built-in development interactions (sign in
 * with {@link completeProviderLogin}). Nothing rewrites its requests or answers.
 *
 * @example
 * const op = await startOidcProvider({ clients: [{ client_id: 'c', client_secret: 's',
 *   grant_types: ['client_credentials'], redirect_uris: [], response_types: [] }] })
 * clientCredentials({ issuer: op.issuer, clientId: 'c', clientSecret: 's', scope: ['api:read'] })
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProviderServer> {
  const { Provider } = await loadOidcProvider()
  // The issuer needs the port, so the server listens before the provider exists.
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined
  const listener = (req: IncomingMessage, res: ServerResponse) => void handle?.(req, res)
  const server: Server = options.tls
    ? createHttpsServer({ ...options.tls, requestCert: true, rejectUnauthorized: false }, listener)
    : createHttpServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const issuer = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`
  const resource = options.resource ?? 'https://api.interop.test'
  const accessTokenTtl = options.accessTokenTtl ?? 3600

  const provider = new Provider(issuer, {
    clients: options.clients,
    jwks: { keys: [await signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub }),
    }),
    clientBasedCORS: () => false,
    // The documented defaults plus the two RFC 8705 methods the mTLS feature serves.
    clientAuthMethods: [
      'client_secret_basic',
      'client_secret_jwt',
      'client_secret_post',
      'private_key_jwt',
      'none',
      'tls_client_auth',
      'self_signed_tls_client_auth',
    ],
    rotateRefreshToken: true,
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * 86_400,
      Interaction: 3600,
      Session: 14 * 86_400,
      Grant: 14 * 86_400,
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true, allowedPolicy: sameClient },
      introspection: { enabled: true, allowedPolicy: sameClient },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: options.resourceScope ?? 'api:read api:write',
          audience: resource,
          accessTokenTTL: accessTokenTtl,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
      dPoP: {
        enabled: true,
        ...(options.dpopNonce ? { nonceSecret: randomBytes(32), requireNonce: () => true } : {}),
      },
      mTLS: {
        enabled: true,
        certificateBoundAccessTokens: true,
        tlsClientAuth: true,
        selfSignedTlsClientAuth: true,
        getCertificate: (ctx: KoaContextWithOIDC) => peerCertificate(ctx),
        certificateAuthorized: (ctx: KoaContextWithOIDC) => ctx.socket.authorized === true,
        certificateSubjectMatches: (
          ctx: KoaContextWithOIDC,
          property: string,
          expected: string,
        ) => {
          const certificate = peerCertificate(ctx)
          return (
            certificate !== undefined && certificateSubjectMatches(certificate, property, expected)
          )
        },
      },
    },
  })
  const log = new ProviderLog(provider)
  handle = provider.callback()

  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    revocationUrl: `${issuer}/token/revocation`,
    introspectionUrl: `${issuer}/token/introspection`,
    jwksUrl: `${issuer}/jwks`,
    resource,
    log,
    provider,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

async function signingKey(): Promise<Record<string, unknown>> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  return { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'interop-rs256' }
}

// Introspection and revocation answer a client about its own tokens only.
function sameClient(_ctx: unknown, client: { clientId: string }, token: TokenLike): boolean {
  return token.clientId === client.clientId
}

// The client certificate of the TLS connection, when the provider is served over HTTPS.
function peerCertificate(ctx: KoaContextWithOIDC) {
  if (typeof ctx.socket.getPeerX509Certificate !== 'function') return undefined
  return ctx.socket.getPeerX509Certificate()
}
