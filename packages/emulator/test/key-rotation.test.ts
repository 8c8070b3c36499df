import { decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeTestLogin, type Emulator, startEmulator } from '../src/index.js'
import { formBasic, pkce, postForm } from './support.js'

let emulator: Emulator

async function kids(jwksUri: string): Promise<string[]> {
  const { keys } = (await (await fetch(jwksUri)).json()) as { keys: Array<{ kid: string }> }
  return keys.map((key) => key.kid)
}

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

describe('rotateKeys', () => {
  it('BridgeFT: new kid, old kid gone from the JWKS, old tokens refused, new tokens accepted', async () => {
    const { tokenUrl, clientId, clientSecret, jwksUri, baseUrl } = emulator.vendors.bridgeft
    const getToken = async () => {
      const res = await postForm(
        tokenUrl,
        { grant_type: 'client_credentials' },
        { authorization: formBasic(clientId, clientSecret) },
      )
      return ((await res.json()) as { AccessToken: string }).AccessToken
    }
    const call = (token: string) =>
      fetch(`${baseUrl}/v2/accounts`, { headers: { authorization: `Bearer ${token}` } })
    const old = await getToken()
    const [oldKid] = await kids(jwksUri)
    expect(decodeProtectedHeader(old).kid).toBe(oldKid)

    await emulator.rotateKeys('bridgeft')
    const newKids = await kids(jwksUri)
    expect(newKids).toHaveLength(1)
    expect(newKids).not.toContain(oldKid)
    expect((await call(old)).status).toBe(401)
    const fresh = await getToken()
    expect(decodeProtectedHeader(fresh).kid).toBe(newKids[0])
    expect((await call(fresh)).status).toBe(200)
  })

  it('Wealth.com: new kid in the JWKS; refresh tokens survive and the new access token uses the new kid', async () => {
    const w = emulator.vendors.wealthcom
    const auth = formBasic(w.clientId, w.clientSecret)
    const { verifier, challenge } = pkce()
    const redirectUri = 'http://127.0.0.1:40001/cb'
    const url = new URL(`${w.issuer}/auth`)
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: w.clientId,
      redirect_uri: redirectUri,
      scope: 'openid offline_access',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString()
    const code = new URL(await completeTestLogin(url)).searchParams.get('code')!
    const tokens = (await (
      await postForm(
        `${w.issuer}/token`,
        {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        },
        { authorization: auth },
      )
    ).json()) as { access_token: string; refresh_token: string }
    const [oldKid] = await kids(w.jwksUri)

    await emulator.rotateKeys('wealthcom')
    const [newKid, ...rest] = await kids(w.jwksUri)
    expect(rest).toEqual([])
    expect(newKid).not.toBe(oldKid)
    const call = (token: string) =>
      fetch(`${w.baseUrl}/v1/clients`, { headers: { authorization: `Bearer ${token}` } })
    expect((await call(tokens.access_token)).status).toBe(401)

    const refreshed = await postForm(
      `${w.issuer}/token`,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      { authorization: auth },
    )
    expect(refreshed.status).toBe(200)
    const { access_token } = (await refreshed.json()) as { access_token: string }
    expect(decodeProtectedHeader(access_token).kid).toBe(newKid)
    expect((await call(access_token)).status).toBe(200)
  })

  it('refuses vendors without signing keys of their own', async () => {
    await expect(emulator.rotateKeys('apiture' as 'bridgeft')).rejects.toThrow(TypeError)
  })
})
