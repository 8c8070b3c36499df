import { ManualClock, TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/express'
import { bridgeft } from '@vendor-token/vendors'
import express from 'express'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { type CapturingLogger, capturingLogger, listen, type RunningApp } from './support.js'

const FAILURE_COOLDOWN_MS = 5_000

let emulator: Emulator
let manager: TokenManager
let app: RunningApp
let clock: ManualClock
let logger: CapturingLogger

beforeEach(async () => {
  logger = capturingLogger()
  emulator = await startEmulator()
  clock = new ManualClock()
  manager = new TokenManager({
    clock,
    retry: { retries: 0 },
    failureCooldownMs: FAILURE_COOLDOWN_MS,
  })
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  const server = express()
  server.use(vendorToken(manager, 'bridgeft', { logger }))
  server.get('/', (req, res) => {
    res.json({ scheme: req.vendorToken.tokenType })
  })
  app = await listen(server)
})

afterEach(async () => {
  await app.close()
  await manager.close()
  await emulator.close()
})

test('token endpoint down -> 503 with Retry-After; requests resume when it is back', async () => {
  emulator.fault('bridgeft', { on: 'token', status: 503, retryAfterSeconds: 7 })

  const down = await fetch(`${app.url}/`)
  expect(down.status).toBe(503)
  expect(down.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/)
  expect(await down.json()).toEqual({
    error: 'endpoint_unavailable',
    message: 'Service Unavailable',
  })
  expect(logger.text()).toContain('endpoint_unavailable')

  emulator.clearFaults('bridgeft')
  await clock.advanceAsync(FAILURE_COOLDOWN_MS + 1)

  const back = await fetch(`${app.url}/`)
  expect(back.status).toBe(200)
  expect(await back.json()).toEqual({ scheme: 'Bearer' })
})

test('a token endpoint that resets connections is answered 503 too', async () => {
  emulator.fault('bridgeft', { on: 'token', reset: true })

  const response = await fetch(`${app.url}/`)

  expect(response.status).toBe(503)
  expect(response.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/)
})
