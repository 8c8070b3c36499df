import {
  InvalidParamsError,
  ManualClock,
  TokenManager,
  TokenRequestRejectedError,
} from '@vendor-token/core'
import { describe, expect, it } from 'vitest'
import { bridgeft, bridgeftClaims } from '../src/index.js'
import { usePresetEmulator } from './helpers/preset-emulator.js'
import { waitFor, wholeSecondNow } from './helpers/settle.js'

// The BridgeFT preset against the emulator over loopback. The emulator issues and checks
// expiry on the same ManualClock as the manager, so an hour passes in a call.
const clock = new ManualClock(wholeSecondNow())
const preset = usePresetEmulator(clock, (manager, emulator) => {
  const { clientId, clientSecret, baseUrl } = emulator.vendors.bridgeft
  manager.register('bridgeft', bridgeft({ clientId, clientSecret, baseUrl }))
})

const tokenRequests = () => preset.emulator.stats('bridgeft').tokenRequests
const accountsUrl = () => `${preset.emulator.vendors.bridgeft.baseUrl}/v2/accounts`

async function firmsOfAccounts(params?: { firmIds: (number | string)[] }): Promise<number[]> {
  const response = await preset.manager.fetch('bridgeft', accountsUrl(), {}, params)
  expect(response.status).toBe(200)
  const { data } = (await response.json()) as { data: { firm_id: number }[] }
  return [...new Set(data.map((account) => account.firm_id))].sort((a, b) => a - b)
}

describe('bridgeft against the emulator', () => {
  it('gets a one-hour JWT with the documented claims', async () => {
    const token = await preset.manager.getToken('bridgeft')
    const { clientId } = preset.emulator.vendors.bridgeft
    expect(token.tokenType).toBe('Bearer')
    expect(token.expiresAt - token.issuedAt).toBe(3600_000)
    const claims = bridgeftClaims(token)
    expect(claims).toMatchObject({
      aud: ['bridgeft/api'],
      iss: 'api.bridgeft.com/v2/oauth2/token',
      sub: clientId,
      app: { client_id: clientId, firm_ids: null },
    })
    expect(claims!.exp - claims!.iat).toBe(3600)
  })

  it('caches: a second getToken makes no request', async () => {
    const first = await preset.manager.getToken('bridgeft')
    const second = await preset.manager.getToken('bridgeft')
    expect(second.accessToken).toBe(first.accessToken)
    expect(tokenRequests()).toBe(1)
  })

  it('refreshes in the background at 80% of the hour, and fetches anew after it', async () => {
    const first = await preset.manager.getToken('bridgeft')
    clock.advance(2879_000)
    expect((await preset.manager.getToken('bridgeft')).accessToken).toBe(first.accessToken)
    expect(tokenRequests()).toBe(1)
    clock.advance(2_000) // 2881 s: past the refresh point; the caller still gets the current token
    expect((await preset.manager.getToken('bridgeft')).accessToken).toBe(first.accessToken)
    await waitFor(() => tokenRequests() === 2 && preset.manager.status()[0]?.state === 'valid')
    const second = await preset.manager.getToken('bridgeft')
    expect(second.accessToken).not.toBe(first.accessToken)
    clock.advance(3600_000) // the second token is dead too: a caller waits for a new one
    const third = await preset.manager.getToken('bridgeft')
    expect(third.accessToken).not.toBe(second.accessToken)
    expect(tokenRequests()).toBe(3)
  })

  it('the API refuses the token once its hour is over ("401 Unauthorized")', async () => {
    const token = await preset.manager.getToken('bridgeft')
    clock.advance(3600_000)
    const response = await fetch(accountsUrl(), { headers: { authorization: token.authorization } })
    expect(response.status).toBe(401)
    expect(preset.emulator.stats('bridgeft').rejectedExpired).toBe(1)
  })

  it('honours a shortened lifetime: a 30 s token is refreshed after 24 s', async () => {
    preset.emulator.fault('bridgeft', { tokenTtlSeconds: 30 })
    const first = await preset.manager.getToken('bridgeft')
    expect(first.expiresAt - first.issuedAt).toBe(30_000)
    clock.advance(25_000)
    await preset.manager.getToken('bridgeft')
    await waitFor(() => tokenRequests() === 2 && preset.manager.status()[0]?.state === 'valid')
    expect((await preset.manager.getToken('bridgeft')).accessToken).not.toBe(first.accessToken)
  })

  it('scopes the token to firm_ids: claims.app.firm_ids and the accounts of those firms only', async () => {
    const token = await preset.manager.getToken('bridgeft', { firmIds: [792, 39] })
    expect(bridgeftClaims(token)?.app.firm_ids).toEqual([39, 792])
    expect(await firmsOfAccounts({ firmIds: [39] })).toEqual([39])
    expect(await firmsOfAccounts({ firmIds: ['792'] })).toEqual([792])
    expect(await firmsOfAccounts({ firmIds: [39, 792] })).toEqual([39, 792])
    expect(await firmsOfAccounts()).toEqual([39, 792, 1001]) // unscoped: every firm
  })

  it('one token per firm set, whatever the order or the type of the ids', async () => {
    await preset.manager.getToken('bridgeft', { firmIds: [39, 792] })
    await preset.manager.getToken('bridgeft', { firmIds: ['792', 39, 39] })
    expect(tokenRequests()).toBe(1)
    await preset.manager.getToken('bridgeft', { firmIds: [39] })
    expect(tokenRequests()).toBe(2)
  })

  it('wrong credentials: TokenRequestRejectedError naming the vendor and invalid_client, no retry', async () => {
    const { baseUrl, clientId } = preset.emulator.vendors.bridgeft
    const wrong = new TokenManager({ clock, retry: { retries: 3, minDelayMs: 0 } })
    wrong.register('bridgeft', bridgeft({ clientId, clientSecret: 'not-the-secret', baseUrl }))
    try {
      const error = await wrong.getToken('bridgeft').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TokenRequestRejectedError)
      expect(error).toMatchObject({
        vendor: 'bridgeft',
        oauthError: 'invalid_client',
        httpStatus: 401,
        status: 502,
      })
      expect(JSON.stringify(error)).not.toContain('not-the-secret')
      expect(tokenRequests()).toBe(1)
    } finally {
      await wrong.close()
    }
  })

  it('invalid firmIds fail before any request', async () => {
    await expect(preset.manager.getToken('bridgeft', { firmIds: ['x'] })).rejects.toBeInstanceOf(
      InvalidParamsError,
    )
    await expect(preset.manager.getToken('bridgeft', { firmIds: [] })).rejects.toBeInstanceOf(
      InvalidParamsError,
    )
    expect(tokenRequests()).toBe(0)
  })

  it('manager.fetch gets a new token once after the API revokes the old one early', async () => {
    await preset.manager.getToken('bridgeft')
    clock.advance(1_000)
    preset.emulator.revokeTokens('bridgeft')
    clock.advance(1_000)
    expect(await firmsOfAccounts()).toEqual([39, 792, 1001])
    expect(tokenRequests()).toBe(2)
    expect(preset.emulator.stats('bridgeft').rejectedInvalid).toBe(1)
  })
})
