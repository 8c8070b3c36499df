import type { Clock } from '../types.js'
import type { ClientAssertionSigner } from './client-assertion.js'
import {
  type ClientAuthMethod,
  type EncodedTokenRequest,
  encodeTokenRequest,
} from './client-auth.js'
import type { TlsClientCertificate } from './tls-certificate.js'

/** How a client authenticates at the token and revocation endpoints. */
export interface OAuthClient {
  clientId: string
  /** Absent (and no `assertion` or `tls`): a public client, identified by `client_id` (RFC 6749 2.3, 3.2.1). */
  clientSecret?: string | undefined
  /** Confidential clients only. Default `basic`. */
  auth?: ClientAuthMethod | undefined
  /** `private_key_jwt`: signs a fresh assertion per request. */
  assertion?: ClientAssertionSigner | undefined
  /** RFC 8705: the TLS client certificate every request to the provider presents. */
  tls?: TlsClientCertificate | undefined
}

/** A form request with the client's authentication, and the dispatcher that carries it. */
export interface ClientRequest extends EncodedTokenRequest {
  /** The undici Agent presenting the client certificate, when the client has one. */
  dispatcher?: unknown
}

/**
 * A form request to `target.url` (token or revocation endpoint) with the client's
 * authentication; a `private_key_jwt` assertion is aimed at that URL (oidc-provider and RFC 7523
 * accept the endpoint's URL as `aud`) and dated by `target.clock`.
 */
export async function encodeClientRequest(
  client: OAuthClient,
  fields: Record<string, string>,
  target: { url: string; clock: Clock },
): Promise<ClientRequest> {
  const dispatcher = await client.tls?.dispatcher()
  const confidential =
    client.clientSecret !== undefined || client.assertion !== undefined || client.tls !== undefined
  if (!confidential) {
    return {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, client_id: client.clientId }).toString(),
    }
  }
  const now = target.clock.now()
  const encoded = encodeTokenRequest(client.auth ?? 'basic', fields, client, {
    audience: target.url,
    now,
  })
  return dispatcher === undefined ? encoded : { ...encoded, dispatcher }
}
