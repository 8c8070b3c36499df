import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { formBasic, postForm, rawBasic } from './support.js'

let emulator: Emulator
let tokenEndpoint: string

async function accessToken(scope = 'banking/read banking/write'): Promise<string> {
  const { clientId, clientSecret } = emulator.vendors.apiture
  const res = await postForm(
    tokenEndpoint,
    { grant_type: 'client_credentials', scope },
    { authorization: formBasic(clientId, clientSecret) },
  )
  expect(res.status).toBe(200)
  return ((await res.json()) as { access_token: string }).access_token
}

function accounts(authorization?: string): Promise<Response> {
  return fetch(`${emulator.vendors.apiture.baseUrl}/banking/accounts`, {
    headers: authorization ? { authorization } : {},
  })
}

beforeAll(async () => {
  emulator = await startEmulator()
  const discovery = await fetch(
    `${emulator.vendors.apiture.issuer}/.well-known/openid-configuration`,
  )
  const metadata = (await discovery.json()) as {
    issuer: string
    token_endpoint: string
    grant_types_supported: string[]
  }
  expect(metadata.issuer).toBe(emulator.vendors.apiture.issuer)
  expect(metadata.grant_types_supported).toContain('client_credentials')
  tokenEndpoint = metadata.token_endpoint
})
afterAll(() => emulator.close())

describe('Apiture (oidc-provider) client credentials', () => {
  it('publishes the token endpoint under the issuer', () => {
    expect(tokenEndpoint).toBe(`${emulator.vendors.apiture.issuer}/token`)
  })

  it('accepts the documented shape: Basic header AND client_id/client_secret/scope/grant_type in the form', async () => {
    const { clientId, clientSecret } = emulator.vendors.apiture
    const res = await postForm(
      tokenEndpoint,
      {
        client_id: clientId,
        client_secret: clientSecret,
        scope: 'banking/read banking/write',
        grant_type: 'client_credentials',
      },
      { authorization: rawBasic(clientId, clientSecret) },
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'banking/read banking/write',
    })
    expect(body.access_token).toEqual(expect.any(String))
  })

  it('accepts client_secret_basic alone and client_secret_post alone', async () => {
    const { clientId, clientSecret } = emulator.vendors.apiture
    const basic = await postForm(
      tokenEndpoint,
      { grant_type: 'client_credentials', scope: 'banking/read' },
      { authorization: formBasic(clientId, clientSecret) },
    )
    expect(basic.status).toBe(200)
    const post = await postForm(tokenEndpoint, {
      grant_type: 'client_credentials',
      scope: 'banking/read',
      client_id: clientId,
      client_secret: clientSecret,
    })
    expect(post.status).toBe(200)
  })

  it('refuses a Basic header that disagrees with the form credentials (401 invalid_client)', async () => {
    const { clientId, clientSecret } = emulator.vendors.apiture
    const res = await postForm(
      tokenEndpoint,
      {
        client_id: clientId,
        client_secret: 'other-secret',
        scope: 'banking/read',
        grant_type: 'client_credentials',
      },
      { authorization: rawBasic(clientId, clientSecret) },
    )
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('refuses a wrong secret (401 invalid_client) and a missing scope (400 invalid_scope)', async () => {
    const { clientId, clientSecret } = emulator.vendors.apiture
    const wrong = await postForm(
      tokenEndpoint,
      { grant_type: 'client_credentials', scope: 'banking/read' },
      { authorization: formBasic(clientId, 'wrong') },
    )
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' })
    const noScope = await postForm(
      tokenEndpoint,
      { grant_type: 'client_credentials' },
      { authorization: formBasic(clientId, clientSecret) },
    )
    expect(noScope.status).toBe(400)
    expect(await noScope.json()).toMatchObject({ error: 'invalid_scope' })
  })

  it('refuses a grant type the client does not have', async () => {
    const { clientId, clientSecret } = emulator.vendors.apiture
    const res = await postForm(
      tokenEndpoint,
      { grant_type: 'password', scope: 'banking/read' },
      { authorization: formBasic(clientId, clientSecret) },
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' })
  })
})

describe('Apiture banking resource', () => {
  it('serves accounts for a token with banking/read', async () => {
    const res = await accounts(`Bearer ${await accessToken()}`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0)
  })

  it('answers 403 insufficient_scope for a token without banking/read', async () => {
    const res = await accounts(`Bearer ${await accessToken('banking/write')}`)
    expect(res.status).toBe(403)
    expect(res.headers.get('www-authenticate')).toContain('insufficient_scope')
  })

  it('answers 401 for a missing or unknown token', async () => {
    expect((await accounts()).status).toBe(401)
    expect((await accounts('Bearer unknown-token-value')).status).toBe(401)
  })
})
