import { type EncodedTokenRequest, encodeTokenRequest } from './client-auth.js'

/** How a client authenticates at the token and revocation endpoints. */
export interface OAuthClient {
  clientId: string
  /** Absent: a public client, identified by `client_id` in the form (RFC 6749 2.3, 3.2.1). */
  clientSecret?: string | undefined
  /** Confidential clients only. Default `basic`. */
  auth?: 'basic' | 'post' | undefined
}

/** A form request to the token or revocation endpoint with the client's authentication. */
export function encodeClientRequest(
  client: OAuthClient,
  fields: Record<string, string>,
): EncodedTokenRequest {
  if (client.clientSecret === undefined) {
    return {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, client_id: client.clientId }).toString(),
    }
  }
  return encodeTokenRequest(client.auth ?? 'basic', fields, client.clientId, client.clientSecret)
}
