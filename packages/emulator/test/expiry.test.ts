import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeTestLogin, type Emulator, startEmulator } from '../src/index.js'
import { fakeClock, formBasic, pkce, postForm } from './support.js'

const clock = fakeClock()
let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator({ now: clock.now })
})
afterAll(() => emulator.close())

describe('expired tokens at the oidc-provider vendors', () => {
  it('Apiture and Wealth.com refuse a token after its exp and count it as rejectedExpired', async () => {
    const { apiture, wealthcom } = emulator.vendors
    const apitureToken = (
      (await (
        await postForm(
          `${apiture.issuer}/token`,
          { grant_type: 'client_credentials', scope: 'banking/read' },
          { authorization: formBasic(apiture.clientId, apiture.clientSecret) },
        )
      ).json()) as { access_token: string }
    ).access_token

    const redirectUri = 'http://127.0.0.1:40002/cb'
    const { verifier, challenge } = pkce()
    const url = new URL(`${wealthcom.issuer}/auth`)
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: wealthcom.clientId,
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString()
    const code = new URL(await completeTestLogin(url)).searchParams.get('code')!
    const wealthToken = (
      (await (
        await postForm(
          `${wealthcom.issuer}/token`,
          {
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            code_verifier: verifier,
          },
          { authorization: formBasic(wealthcom.clientId, wealthcom.clientSecret) },
        )
      ).json()) as { access_token: string }
    ).access_token

    const callApiture = () =>
      fetch(`${apiture.baseUrl}/banking/accounts`, {
        headers: { authorization: `Bearer ${apitureToken}` },
      })
    const callWealth = () =>
      fetch(`${wealthcom.baseUrl}/v1/clients`, {
        headers: { authorization: `Bearer ${wealthToken}` },
      })
    expect((await callApiture()).status).toBe(200)
    expect((await callWealth()).status).toBe(200)

    // oidc-provider issues with the real clock: jump past real time + the 1 h lifetime.
    clock.set(Date.now() + 3601_000)
    expect((await callApiture()).status).toBe(401)
    expect((await callWealth()).status).toBe(401)
    expect(emulator.stats('apiture').rejectedExpired).toBe(1)
    expect(emulator.stats('wealthcom').rejectedExpired).toBe(1)
  })
})
