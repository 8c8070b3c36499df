import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CookieJar, completeTestLogin, type Emulator, startEmulator } from '../src/index.js'
import { formBasic, pkce, postForm } from './support.js'

const redirectUri = 'http://localhost:39999/callback'
let emulator: Emulator
let metadata: {
  authorization_endpoint: string
  token_endpoint: string
  revocation_endpoint: string
  code_challenge_methods_supported: string[]
}
let auth: string

interface Tokens {
  access_token: string
  refresh_token: string
  expires_in: number
}

async function signIn(jar?: CookieJar): Promise<Tokens> {
  const { verifier, challenge } = pkce()
  const url = new URL(metadata.authorization_endpoint)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: emulator.vendors.wealthcom.clientId,
    redirect_uri: redirectUri,
    scope: 'openid offline_access',
    state: 's',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString()
  const code = new URL(await completeTestLogin(url, jar ? { jar } : {})).searchParams.get('code')!
  const res = await postForm(
    metadata.token_endpoint,
    { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
    { authorization: auth },
  )
  expect(res.status).toBe(200)
  return (await res.json()) as Tokens
}

function refresh(refreshToken: string): Promise<Response> {
  return postForm(
    metadata.token_endpoint,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    { authorization: auth },
  )
}

beforeAll(async () => {
  emulator = await startEmulator({ tokenTtlSeconds: { wealthcom: 2 } })
  const { clientId, clientSecret, issuer } = emulator.vendors.wealthcom
  auth = formBasic(clientId, clientSecret)
  metadata = (await (
    await fetch(`${issuer}/.well-known/openid-configuration`)
  ).json()) as typeof metadata
})
afterAll(() => emulator.close())

describe('Wealth.com refresh tokens', () => {
  it('advertises S256 only and a revocation endpoint', () => {
    expect(metadata.code_challenge_methods_supported).toEqual(['S256'])
    expect(metadata.revocation_endpoint).toBe(
      `${emulator.vendors.wealthcom.issuer}/token/revocation`,
    )
  })

  it('issues access tokens with the configured short lifetime', async () => {
    expect((await signIn()).expires_in).toBe(2)
  })

  it('rotates the refresh token and refuses the old one afterwards', async () => {
    const first = await signIn()
    const res = await refresh(first.refresh_token)
    expect(res.status).toBe(200)
    const second = (await res.json()) as Tokens
    expect(second.refresh_token).toEqual(expect.any(String))
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.access_token).not.toBe(first.access_token)
    const reused = await refresh(first.refresh_token)
    expect(reused.status).toBe(400)
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('refuses a refresh token after it was revoked at the revocation endpoint', async () => {
    const tokens = await signIn()
    const revoked = await postForm(
      metadata.revocation_endpoint,
      { token: tokens.refresh_token, token_type_hint: 'refresh_token' },
      { authorization: auth },
    )
    expect(revoked.status).toBe(200)
    const res = await refresh(tokens.refresh_token)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('counts token requests by grant type', async () => {
    emulator.resetStats()
    const tokens = await signIn()
    await refresh(tokens.refresh_token)
    const stats = emulator.stats('wealthcom')
    expect(stats.tokenRequests).toBe(2)
    expect(stats.tokenRequestsByGrantType).toEqual({ authorization_code: 1, refresh_token: 1 })
  })

  it('reuses the provider session for a second sign-in with the same cookie jar', async () => {
    const jar = new CookieJar()
    await signIn(jar)
    // The second sign-in needs no login form: a password that would fail is never posted.
    const { verifier, challenge } = pkce()
    const url = new URL(metadata.authorization_endpoint)
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: emulator.vendors.wealthcom.clientId,
      redirect_uri: redirectUri,
      scope: 'openid offline_access',
      state: 'again',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString()
    const callback = new URL(await completeTestLogin(url, { jar, password: 'never-posted' }))
    expect(callback.searchParams.get('code')).toBeTruthy()
    expect(verifier).toBeTruthy()
  })
})
