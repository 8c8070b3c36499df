import { basicCredentials } from '../basic-auth.js'

/** How the client authenticates at the token endpoint. */
export type ClientAuthMethod = 'basic' | 'post' | 'json' | 'basic_and_post'

export const clientAuthMethods: readonly ClientAuthMethod[] = [
  'basic',
  'post',
  'json',
  'basic_and_post',
]

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
 */
export function encodeTokenRequest(
  method: ClientAuthMethod,
  fields: Record<string, string>,
  clientId: string,
  clientSecret: string,
): EncodedTokenRequest {
  const credentials = { client_id: clientId, client_secret: clientSecret }
  if (method === 'json') {
    return {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...fields, ...credentials }),
    }
  }
  const form = new URLSearchParams(fields)
  if (method === 'post' || method === 'basic_and_post') {
    form.set('client_id', clientId)
    form.set('client_secret', clientSecret)
  }
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  if (method === 'basic' || method === 'basic_and_post') {
    headers.authorization = basicCredentials(clientId, clientSecret)
  }
  return { headers, body: form.toString() }
}
