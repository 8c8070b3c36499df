import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeTestLogin, type Emulator, startEmulator } from '../src/index.js'
import { formBasic, pkce, postForm } from './support.js'

const redirectUri = 'http://127.0.0.1:45678/auth/callback'
let emulator: Emulator
let metadata: {
  authorization_endpoint: string
  token_endpoint: string
  jwks_uri: string
  issuer: string
}

function authorizationUrl(params: Record<string, string>): string {
  const url = new URL(metadata.authorization_endpoint)
  const defaults = {
    response_type: 'code',
    client_id: emulator.vendors.wealthcom.clientId,
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access',
    state: 'state-123',
  }
  for (const [key, value] of Object.entries({ ...defaults, ...params }))
    url.searchParams.set(key, value)
  return url.href
}

async function exchange(
  code: string,
  verifier: string,
  clientAuth: 'confidential' | 'public' = 'confidential',
) {
  const { clientId, clientSecret, publicClientId } = emulator.vendors.wealthcom
  const fields: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  }
  if (clientAuth === 'public') fields.client_id = publicClientId
  const headers: Record<string, string> =
    clientAuth === 'confidential' ? { authorization: formBasic(clientId, clientSecret) } : {}
  return postForm(metadata.token_endpoint, fields, headers)
}

function userClients(authorization: string): Promise<Response> {
  return fetch(`${emulator.vendors.wealthcom.baseUrl}/v1/clients`, { headers: { authorization } })
}

beforeAll(async () => {
  emulator = await startEmulator()
  const res = await fetch(`${emulator.vendors.wealthcom.issuer}/.well-known/openid-configuration`)
  metadata = (await res.json()) as typeof metadata
})
afterAll(() => emulator.close())

describe('Wealth.com advisor sign-in (authorization code + PKCE)', () => {
  it('completes with a plain fetch client, then issues RS256 access, ID and refresh tokens', async () => {
    const { verifier, challenge } = pkce()
    const callback = new URL(
      await completeTestLogin(
        authorizationUrl({ code_challenge: challenge, code_challenge_method: 'S256' }),
      ),
    )
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri)
    expect(callback.searchParams.get('state')).toBe('state-123')
    const code = callback.searchParams.get('code')!
    expect(code).toBeTruthy()

    const res = await exchange(code, verifier)
    expect(res.status).toBe(200)
    const tokens = (await res.json()) as {
      access_token: string
      id_token: string
      refresh_token: string
      token_type: string
      expires_in: number
    }
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 })
    expect(tokens.refresh_token).toEqual(expect.any(String))

    const header = decodeProtectedHeader(tokens.access_token)
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) })
    const jwks = createRemoteJWKSet(new URL(emulator.vendors.wealthcom.jwksUri))
    const { payload } = await jwtVerify(tokens.access_token, jwks, {
      issuer: emulator.vendors.wealthcom.issuer,
      audience: emulator.vendors.wealthcom.audience,
    })
    expect(payload.sub).toBe(emulator.vendors.wealthcom.testLogin.username)
    const idToken = await jwtVerify(tokens.id_token, jwks, {
      issuer: emulator.vendors.wealthcom.issuer,
    })
    expect(idToken.payload.aud).toBe(emulator.vendors.wealthcom.clientId)

    expect((await userClients(`Bearer ${tokens.access_token}`)).status).toBe(200)
    expect((await userClients(`Bearer ${tokens.id_token}`)).status).toBe(401) // ID tokens are not for API calls
  })

  it('works for the public client (PKCE, no secret)', async () => {
    const { verifier, challenge } = pkce()
    const url = authorizationUrl({
      client_id: emulator.vendors.wealthcom.publicClientId,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })
    const code = new URL(await completeTestLogin(url)).searchParams.get('code')!
    const res = await exchange(code, verifier, 'public')
    expect(res.status).toBe(200)
  })

  it('refuses an authorization request without PKCE or with the plain method', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
    ]
    for (const extra of attempts) {
      const callback = new URL(await completeTestLogin(authorizationUrl(extra)))
      expect(callback.searchParams.get('error')).toBe('invalid_request')
      expect(callback.searchParams.get('code')).toBeNull()
    }
  })

  it('refuses a code exchange with the wrong verifier, and a replayed code', async () => {
    const { verifier, challenge } = pkce()
    const code = new URL(
      await completeTestLogin(
        authorizationUrl({ code_challenge: challenge, code_challenge_method: 'S256' }),
      ),
    ).searchParams.get('code')!
    const wrong = await exchange(code, pkce().verifier)
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' })
    const { challenge: second, verifier: secondVerifier } = pkce()
    const code2 = new URL(
      await completeTestLogin(
        authorizationUrl({ code_challenge: second, code_challenge_method: 'S256' }),
      ),
    ).searchParams.get('code')!
    expect((await exchange(code2, secondVerifier)).status).toBe(200)
    expect((await exchange(code2, secondVerifier)).status).toBe(400)
    expect(verifier).not.toBe(secondVerifier)
  })

  it('ends with error=access_denied when the advisor cancels, and throws on a wrong password', async () => {
    const { challenge } = pkce()
    const url = authorizationUrl({ code_challenge: challenge, code_challenge_method: 'S256' })
    const cancelled = new URL(await completeTestLogin(url, { cancel: true }))
    expect(cancelled.searchParams.get('error')).toBe('access_denied')
    expect(cancelled.searchParams.get('state')).toBe('state-123')
    await expect(completeTestLogin(url, { password: 'wrong-password' })).rejects.toThrow(/HTTP 401/)
  })

  it('refuses a redirect URI that is neither registered nor loopback', async () => {
    const { challenge } = pkce()
    const url = authorizationUrl({
      code_challenge: challenge,
      code_challenge_method: 'S256',
      redirect_uri: 'https://evil.example/cb',
    })
    const res = await fetch(url, { redirect: 'manual' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('redirect_uri')
  })

  it('accepts the user token but refuses a client-credentials (m2m) token at the user endpoint', async () => {
    const { clientId, clientSecret } = emulator.vendors.wealthcom
    const res = await postForm(
      metadata.token_endpoint,
      { grant_type: 'client_credentials', scope: 'clients:read' },
      { authorization: formBasic(clientId, clientSecret) },
    )
    expect(res.status).toBe(200)
    const { access_token } = (await res.json()) as { access_token: string }
    expect(decodeProtectedHeader(access_token).typ).toBe('at+jwt')
    const refused = await userClients(`Bearer ${access_token}`)
    expect(refused.status).toBe(401)
  })
})
