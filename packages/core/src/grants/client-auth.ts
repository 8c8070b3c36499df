import { basicCredentials } from '../basic-auth.js'
import type { ClientAssertionSigner } from './client-assertion.js'

/** How the client authenticates at the token endpoint. */
export type ClientAuthMethod =
  | 'basic'
  | 'post'
  | 'json'
  | 'basic_and_post'
  | 'private_key_jwt'
  | 'tls_client_auth'
  | 'self_signed_tls_client_auth'

export const clientAuthMethods: readonly ClientAuthMethod[] = [
  'basic',
  'post',
  'json',
  'basic_and_post',
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
]

/** Methods that send a shared secret (and so need `clientSecret`). */
export const secretMethods: readonly ClientAuthMethod[] = [
  'basic',
  'post',
  'json',
  'basic_and_post',
]

/** Methods where the TLS client certificate authenticates the client (RFC 8705 2). */
export const tlsMethods: readonly ClientAuthMethod[] = [
  'tls_client_auth',
  'self_signed_tls_client_auth',
]

/** RFC 7523 2.2. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

/** The client's credentials for one method (only those the method uses are read). */
export interface ClientCredentialsMaterial {
  clientId: string
  clientSecret?: string | undefined
  assertion?: ClientAssertionSigner | undefined
}

/** Headers (without Accept and user headers) and body of one token request. */
export interface EncodedTokenRequest {
  headers: Record<string, string>
  body: string
}

/**
 * Encodes the request parameters and the client credentials for `method`:
 * - `basic`: RFC 6749 2.3.1 Basic header, form body
 * - `post`: `client_id` / `client_secret` in the form body
 * - `json`: everything (credentials included) as a JSON body
 * - `basic_and_post`: the Basic header AND the credentials in the form (Apiture's documented way)
 * - `private_key_jwt`: `client_id`, `client_assertion_type` and a fresh signed `client_assertion`
 *   for `target.audience` (RFC 7523 2.2)
 * - `tls_client_auth` / `self_signed_tls_client_auth`: `client_id` only; the TLS client
 *   certificate authenticates (RFC 8705 2)
 */
export function encodeTokenRequest(
  method: ClientAuthMethod,
  fields: Record<string, string>,
  client: ClientCredentialsMaterial,
  target: { audience: string; now: number },
): EncodedTokenRequest {
  const { clientId } = client
  const clientSecret = client.clientSecret ?? ''
  if (method === 'json') {
    return {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...fields, client_id: clientId, client_secret: clientSecret }),
    }
  }
  const form = new URLSearchParams(fields)
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  if (method === 'post' || method === 'basic_and_post') {
    form.set('client_id', clientId)
    form.set('client_secret', clientSecret)
  }
  if (method === 'basic' || method === 'basic_and_post') {
    headers.authorization = basicCredentials(clientId, clientSecret)
  }
  if (method === 'private_key_jwt') {
    form.set('client_id', clientId)
    form.set('client_assertion_type', JWT_BEARER_ASSERTION)
    form.set('client_assertion', client.assertion!.sign(target.audience, target.now))
  }
  if (tlsMethods.includes(method)) form.set('client_id', clientId)
  return { headers, body: form.toString() }
}
