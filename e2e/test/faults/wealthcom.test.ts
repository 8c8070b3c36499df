// Fault suite for the Wealth.com Basic preset. Its credential needs no token request, so the
// token endpoint's faults must not touch it; the Advisor API's own faults reach the caller as
// HTTP answers, and a 401 is retried once with a re-derived credential, never in a loop.
import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { wealthcom } from '@vendor-token/vendors'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { managerOptions, warmUp } from './harness.js'

let emulator: Emulator
let manager: TokenManager
const clientsUrl = () => `${emulator.vendors.wealthcom.baseUrl}/v1/clients`

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 })
  await warmUp(emulator)
})
afterAll(async () => {
  await emulator?.close()
})
beforeEach(() => {
  emulator.clearFaults()
  emulator.resetStats()
  manager = new TokenManager(managerOptions)
  const { username, password } = emulator.vendors.wealthcom
  manager.register('wealthcom', wealthcom.basic({ username, password }))
})
afterEach(async () => {
  await manager.close()
})

async function status(answer: Promise<Response>): Promise<number> {
  const response = await answer
  await response.body?.cancel()
  return response.status
}

describe('wealthcom (Basic): faults', () => {
  const tokenFaults = [{ status: 500 }, { hang: true }, { reset: true }, { malformedJson: true }]
  it.each(tokenFaults)(
    'a token endpoint fault %o does not touch the Basic credential',
    async (fault) => {
      emulator.fault('wealthcom', { ...fault, on: 'token' })
      expect(await status(manager.fetch('wealthcom', clientsUrl()))).toBe(200)
      expect(emulator.stats('wealthcom').tokenRequests).toBe(0)
    },
  )

  it('a 503 from the Advisor API is the caller’s answer, sent once (no retry of a non-idempotent call)', async () => {
    emulator.fault('wealthcom', { on: 'resource', status: 503, retryAfterSeconds: 2 })
    expect(await status(manager.fetch('wealthcom', clientsUrl()))).toBe(503)
    expect(emulator.stats('wealthcom').resourceRequests).toBe(1)
  })

  it('one 401 from the Advisor API: the credential is re-derived and the call retried once', async () => {
    emulator.fault('wealthcom', { on: 'resource', status: 401, times: 1 })
    expect(await status(manager.fetch('wealthcom', clientsUrl()))).toBe(200)
    expect(emulator.stats('wealthcom').resourceRequests).toBe(2)
  })

  it('a 401 that persists is returned after exactly one retry, never a loop', async () => {
    emulator.fault('wealthcom', { on: 'resource', status: 401 })
    expect(await status(manager.fetch('wealthcom', clientsUrl()))).toBe(401)
    expect(emulator.stats('wealthcom').resourceRequests).toBe(2)
  })

  it('a connection reset at the Advisor API rejects the call; the next call succeeds', async () => {
    emulator.fault('wealthcom', { on: 'resource', reset: true, times: 1 })
    await expect(manager.fetch('wealthcom', clientsUrl())).rejects.toThrow()
    expect(await status(manager.fetch('wealthcom', clientsUrl()))).toBe(200)
  })
})
