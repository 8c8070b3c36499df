import type { ClientAssertionSigner } from './client-assertion.js'
import {
  type ClientAuthMethod,
  type EncodedTokenRequest,
  encodeTokenRequest,
} from './client-auth.js'

/** How a client authenticates at the token and revocation endpoints. */
export interface OAuthClient {
  clientId: string
  /** Absent (and no `assertion`): a public client, identified by `client_id` (RFC 6749 2.3, 3.2.1). */
  clientSecret?: string | undefined
  /** Confidential clients only. Default `basic`. */
  auth?: ClientAuthMethod | undefined
  /** `private_key_jwt`: signs a fresh assertion per request. */
  assertion?: ClientAssertionSigner | undefined
}

/**
 * A form request to the token or revocation endpoint with the client's authentication.
 * `target.audience` is the `aud` of a `private_key_jwt` assertion (the token endpoint).
 */
export function encodeClientRequest(
  client: OAuthClient,
  fields: Record<string, string>,
  target: { audience: string; now: number } = { audience: '', now: Date.now() },
): EncodedTokenRequest {
  if (client.clientSecret === undefined && client.assertion === undefined) {
    return {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, client_id: client.clientId }).toString(),
    }
  }
  return encodeTokenRequest(client.auth ?? 'basic', fields, client, target)
}
