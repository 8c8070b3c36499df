import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeTestLogin, type Emulator, startEmulator } from '../src/index.js'
import { formBasic, pkce, postForm } from './support.js'

let emulator: Emulator

type Getter = () => Promise<string>
type Caller = (token: string) => Promise<Response>

function cases(): Array<[string, Parameters<Emulator['revokeTokens']>[0], Getter, Caller]> {
  const v = emulator.vendors
  return [
    [
      'bridgeft',
      'bridgeft',
      async () => {
        const res = await postForm(
          v.bridgeft.tokenUrl,
          { grant_type: 'client_credentials' },
          { authorization: formBasic(v.bridgeft.clientId, v.bridgeft.clientSecret) },
        )
        return ((await res.json()) as { AccessToken: string }).AccessToken
      },
      (token) =>
        fetch(`${v.bridgeft.baseUrl}/v2/accounts`, {
          headers: { authorization: `Bearer ${token}` },
        }),
    ],
    [
      'modelPortfolios',
      'modelPortfolios',
      async () => {
        const res = await fetch(v.modelPortfolios.tokenUrl, {
          method: 'POST',
          headers: {
            accept: 'application/json; version=1.0.0',
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            client_id: v.modelPortfolios.clientId,
            client_secret: v.modelPortfolios.clientSecret,
            grant_type: 'client_credentials',
          }),
        })
        return ((await res.json()) as { accessTtoken: string }).accessTtoken
      },
      (token) =>
        fetch(`${v.modelPortfolios.baseUrl}/model-portfolios`, {
          headers: { accept: 'application/json; version=1.0.0', authorization: `Bearer ${token}` },
        }),
    ],
    [
      'apiture',
      'apiture',
      async () => {
        const res = await postForm(
          `${v.apiture.issuer}/token`,
          { grant_type: 'client_credentials', scope: 'banking/read' },
          { authorization: formBasic(v.apiture.clientId, v.apiture.clientSecret) },
        )
        return ((await res.json()) as { access_token: string }).access_token
      },
      (token) =>
        fetch(`${v.apiture.baseUrl}/banking/accounts`, {
          headers: { authorization: `Bearer ${token}` },
        }),
    ],
    [
      'wealthcom',
      'wealthcom',
      async () => {
        const { verifier, challenge } = pkce()
        const redirectUri = 'http://127.0.0.1:40000/cb'
        const url = new URL(`${v.wealthcom.issuer}/auth`)
        url.search = new URLSearchParams({
          response_type: 'code',
          client_id: v.wealthcom.clientId,
          redirect_uri: redirectUri,
          scope: 'openid',
          code_challenge: challenge,
          code_challenge_method: 'S256',
        }).toString()
        const code = new URL(await completeTestLogin(url)).searchParams.get('code')!
        const res = await postForm(
          `${v.wealthcom.issuer}/token`,
          {
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            code_verifier: verifier,
          },
          { authorization: formBasic(v.wealthcom.clientId, v.wealthcom.clientSecret) },
        )
        return ((await res.json()) as { access_token: string }).access_token
      },
      (token) =>
        fetch(`${v.wealthcom.baseUrl}/v1/clients`, {
          headers: { authorization: `Bearer ${token}` },
        }),
    ],
  ]
}

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

describe('early revocation (revokeTokens)', () => {
  it('makes each vendor refuse the tokens issued before it, and accept new ones', async () => {
    for (const [name, vendor, getToken, call] of cases()) {
      const old = await getToken()
      expect((await call(old)).status, name).toBe(200)
      const before = emulator.stats(vendor).rejectedInvalid
      emulator.revokeTokens(vendor)
      const refused = await call(old)
      expect(refused.status, name).toBe(401)
      expect(emulator.stats(vendor).rejectedInvalid, name).toBe(before + 1)
      expect((await call(await getToken())).status, name).toBe(200)
    }
  })
})
