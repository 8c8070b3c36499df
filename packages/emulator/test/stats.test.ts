import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { formBasic, postForm } from './support.js'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})
beforeEach(() => {
  emulator.resetStats()
  emulator.clearFaults()
})
afterAll(() => emulator.close())

describe('stats', () => {
  it('counts token requests (faulted and refused ones too) by grant type, and resource outcomes', async () => {
    const { tokenUrl, clientId, clientSecret, baseUrl } = emulator.vendors.bridgeft
    const auth = { authorization: formBasic(clientId, clientSecret) }
    const { AccessToken } = (await (
      await postForm(tokenUrl, { grant_type: 'client_credentials' }, auth)
    ).json()) as { AccessToken: string }
    await postForm(tokenUrl, { grant_type: 'password' }, auth)
    emulator.fault('bridgeft', { status: 503, times: 1 })
    await postForm(tokenUrl, { grant_type: 'client_credentials' }, auth)
    await fetch(`${baseUrl}/v2/accounts`, { headers: { authorization: `Bearer ${AccessToken}` } })
    await fetch(`${baseUrl}/v2/accounts`, { headers: { authorization: 'Bearer nonsense' } })
    await fetch(emulator.vendors.bridgeft.jwksUri)

    expect(emulator.stats('bridgeft')).toEqual({
      tokenRequests: 3,
      // The faulted request never reached the handler that reads grant_type.
      tokenRequestsByGrantType: { client_credentials: 1, password: 1 },
      resourceRequests: 2,
      rejectedExpired: 0,
      rejectedInvalid: 1,
      jwksRequests: 1,
      discoveryRequests: 0,
      faultedRequests: 1,
    })
  })

  it('counts POSTs to an oidc-provider token endpoint and its discovery requests', async () => {
    const { issuer, clientId, clientSecret } = emulator.vendors.apiture
    await fetch(`${issuer}/.well-known/openid-configuration`)
    await postForm(
      `${issuer}/token`,
      { grant_type: 'client_credentials', scope: 'banking/read' },
      { authorization: formBasic(clientId, clientSecret) },
    )
    await postForm(
      `${issuer}/token`,
      { grant_type: 'client_credentials', scope: 'banking/read' },
      { authorization: formBasic(clientId, 'wrong') },
    )
    const stats = emulator.stats('apiture')
    expect(stats.tokenRequests).toBe(2)
    expect(stats.tokenRequestsByGrantType).toEqual({ client_credentials: 2 })
    expect(stats.discoveryRequests).toBe(1)
  })

  it('sums every vendor without an argument; resetStats zeroes them', async () => {
    await fetch(`${emulator.vendors.modelPortfolios.baseUrl}/model-portfolios`, {
      headers: { accept: 'application/json; version=1.0.0' },
    })
    await fetch(`${emulator.vendors.apiture.baseUrl}/banking/accounts`)
    const total = emulator.stats()
    expect(total.resourceRequests).toBe(2)
    expect(total.rejectedInvalid).toBe(2)
    emulator.resetStats()
    expect(emulator.stats().resourceRequests).toBe(0)
    expect(() => emulator.stats('nobody' as 'bridgeft')).toThrow(TypeError)
  })
})
