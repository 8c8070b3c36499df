import { createHash, randomBytes } from 'node:crypto'
import { completeTestLogin, type Emulator, startEmulator } from '@vendor-token/emulator'
import { createVerifier, type Verifier, VerifyError } from '@vendor-token/verify'
import { decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Real tokens from the emulator's Wealth.com advisor sign-in (oidc-provider: RS256, kid, JWKS).
let emulator: Emulator
let verifier: Verifier

beforeAll(async () => {
  emulator = await startEmulator()
  const { jwksUri, issuer, audience, clientId } = emulator.vendors.wealthcom
  verifier = createVerifier({ jwksUri, issuer, audience, clientId, threads: 2 })
})

afterAll(async () => {
  await verifier?.close()
  await emulator?.close()
})

/** Signs the test advisor in (authorization code + PKCE) and returns the token response. */
async function signIn(): Promise<{ access_token: string; id_token: string }> {
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  const metadata = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string
    token_endpoint: string
  }
  const redirectUri = 'http://127.0.0.1:9/callback'
  const verifierValue = randomBytes(32).toString('base64url')
  const authorization = new URL(metadata.authorization_endpoint)
  authorization.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid clients:read',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifierValue).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  const callback = new URL(await completeTestLogin(authorization))
  const code = callback.searchParams.get('code')
  expect(code).toBeTruthy()
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: redirectUri,
      code_verifier: verifierValue,
    }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { access_token: string; id_token: string }
}

describe('Wealth.com provider of the emulator', () => {
  it('verifies a real advisor access token and rejects the ID token from the same sign-in', async () => {
    const tokens = await signIn()

    const { payload, protectedHeader } = await verifier.verify(tokens.access_token)
    expect(payload).toMatchObject({
      iss: emulator.vendors.wealthcom.issuer,
      aud: emulator.vendors.wealthcom.audience,
    })
    expect(typeof payload.sub).toBe('string')
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'at+jwt' })
    expect(typeof protectedHeader.kid).toBe('string')

    const error = await verifier.verify(tokens.id_token).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VerifyError)
    expect((error as VerifyError).code).toBe('id_token_rejected')
  })

  it("survives rotateKeys('wealthcom') with one refetch", async () => {
    const before = await signIn()
    await verifier.verify(before.access_token)
    const fetches = verifier.stats().jwks.fetches
    const jwksRequests = emulator.stats('wealthcom').jwksRequests

    await emulator.rotateKeys('wealthcom')
    const after = await signIn()
    expect(decodeProtectedHeader(after.access_token).kid).not.toBe(
      decodeProtectedHeader(before.access_token).kid,
    )

    // Concurrent requests carrying the new kid share the one refetch.
    const results = await Promise.all(
      Array.from({ length: 10 }, () => verifier.verify(after.access_token)),
    )
    expect(results[0]!.payload.sub).toBe((await verifier.verify(after.access_token)).payload.sub)
    expect(verifier.stats().jwks.fetches).toBe(fetches + 1)
    expect(emulator.stats('wealthcom').jwksRequests).toBe(jwksRequests + 1)
  })
})
