import { createHash, randomBytes } from 'node:crypto'
import { basicCredentials } from '@vendor-token/core'
import { completeTestLogin, type Emulator } from '@vendor-token/emulator'

/** Tokens of the emulator's test advisor, signed in to Wealth.com (authorization code + PKCE). */
export async function signInAdvisor(
  emulator: Emulator,
  scope: string,
): Promise<{ accessToken: string; idToken: string }> {
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  const redirectUri = 'http://127.0.0.1:9/callback' // never called: the code is read from the URL
  const metadata = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string
    token_endpoint: string
  }
  const verifier = randomBytes(32).toString('base64url')
  const authorize = new URL(metadata.authorization_endpoint)
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  const code = new URL(await completeTestLogin(authorize.href)).searchParams.get('code') ?? ''
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { authorization: basicCredentials(clientId, clientSecret) },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  })
  const tokens = (await response.json()) as { access_token: string; id_token: string }
  return { accessToken: tokens.access_token, idToken: tokens.id_token }
}
