import { createHash, randomBytes } from 'node:crypto'
import { completeTestLogin } from './complete-test-login.js'
import type { Emulator } from './emulator-types.js'

/** The tokens of one test-advisor sign-in. */
export interface TestAdvisorTokens {
  accessToken: string
  idToken: string
}

/**
 * Signs the emulator's test advisor in to its Wealth.com provider as the confidential client
 * (authorization code + PKCE, discovery, `client_secret_basic`) and returns the tokens: real
 * RS256 access and ID tokens for tests of bearer verification.
 *
 * @param scope - e.g. `'openid clients:read'`.
 * @throws Error when the provider answers the authorization or the token request with an error.
 * @example
 * const { accessToken } = await signInTestAdvisor(emulator, 'openid clients:read')
 */
export async function signInTestAdvisor(
  emulator: Emulator,
  scope: string,
): Promise<TestAdvisorTokens> {
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
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  const callback = new URL(await completeTestLogin(authorize.href))
  const code = callback.searchParams.get('code')
  if (code === null) {
    throw new Error(`test advisor sign-in refused: ${callback.searchParams.get('error')}`)
  }
  // RFC 6749 2.3.1: both parts form-encoded, then Basic.
  const basic = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(basic).toString('base64')}` },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  })
  if (!response.ok) throw new Error(`test advisor token request failed: ${response.status}`)
  const tokens = (await response.json()) as { access_token: string; id_token: string }
  return { accessToken: tokens.access_token, idToken: tokens.id_token }
}
