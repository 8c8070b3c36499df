import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { wealthcom } from '../src/index.js'

// wealthcom.basic against the emulator's Advisor API (`/wealthcom/v1/clients`, Basic auth).
let emulator: Emulator
let manager: TokenManager

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

beforeEach(() => {
  emulator.resetStats()
  manager = new TokenManager()
})
afterEach(() => manager.close())

const clientsUrl = () => `${emulator.vendors.wealthcom.baseUrl}/v1/clients/`

describe('wealthcom.basic against the emulator', () => {
  it('lists clients with the Basic credential (no token endpoint involved)', async () => {
    const { username, password } = emulator.vendors.wealthcom
    manager.register('wealthcom', wealthcom.basic({ username, password }))
    const response = await manager.fetch('wealthcom', clientsUrl())
    expect(response.status).toBe(200)
    expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0)
    expect(emulator.stats('wealthcom').tokenRequests).toBe(0)
  })

  it('creates a client as in the doc\u2019s example request', async () => {
    const { username, password } = emulator.vendors.wealthcom
    manager.register('wealthcom', wealthcom.basic({ username, password }))
    const response = await manager.fetch('wealthcom', clientsUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advisor_id: 'cn4910ny98ec9vb3ghj', team_id: 'cn4910ny98ec9vb3ghj' }),
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ advisor_id: 'cn4910ny98ec9vb3ghj' })
  })

  it('a wrong password gets 401 from the API (after the one retry manager.fetch makes)', async () => {
    const { username } = emulator.vendors.wealthcom
    manager.register('wealthcom', wealthcom.basic({ username, password: 'wrong-password' }))
    const response = await manager.fetch('wealthcom', clientsUrl())
    expect(response.status).toBe(401)
    expect(emulator.stats('wealthcom').resourceRequests).toBe(2)
  })
})
