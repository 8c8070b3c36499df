import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeTestLogin, type Emulator, startEmulator } from '../src/index.js'
import { pkce, postForm } from './support.js'

let emulator: Emulator

function authorize(clientId: string, redirectUri: string, challenge: string): string {
  const url = new URL(`${emulator.vendors.wealthcom.issuer}/auth`)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid',
    state: 'st',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString()
  return url.href
}

beforeAll(async () => {
  emulator = await startEmulator({
    wealthcom: { allowAnyLoopbackRedirect: false, redirectUris: ['http://127.0.0.1:5555/cb'] },
  })
})
afterAll(() => emulator.close())

describe('Wealth.com test clients', () => {
  it('with allowAnyLoopbackRedirect off, accepts only the exact redirect URIs, settable at run time', async () => {
    const { clientId } = emulator.vendors.wealthcom
    const { challenge } = pkce()
    expect(emulator.vendors.wealthcom.redirectUris).toEqual(['http://127.0.0.1:5555/cb'])
    const other = 'http://127.0.0.1:6666/cb'
    const refused = await fetch(authorize(clientId, other, challenge), { redirect: 'manual' })
    expect(refused.status).toBe(400)
    emulator.setRedirectUris([other])
    expect(emulator.vendors.wealthcom.redirectUris).toEqual([other])
    const callback = new URL(await completeTestLogin(authorize(clientId, other, challenge)))
    expect(callback.searchParams.get('code')).toBeTruthy()
  })

  it('addClient registers another public client that can sign in and exchange its code', async () => {
    const redirectUri = 'http://127.0.0.1:7777/cb'
    emulator.addClient({
      client_id: 'emu-extra-client',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [redirectUri],
    })
    const { verifier, challenge } = pkce()
    const code = new URL(
      await completeTestLogin(authorize('emu-extra-client', redirectUri, challenge)),
    ).searchParams.get('code')!
    const res = await postForm(`${emulator.vendors.wealthcom.issuer}/token`, {
      grant_type: 'authorization_code',
      client_id: 'emu-extra-client',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    })
    expect(res.status).toBe(200)
    expect(() => emulator.addClient({ redirect_uris: [] })).toThrow(TypeError)
  })
})
