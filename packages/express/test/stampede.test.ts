import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/express'
import { bridgeft } from '@vendor-token/vendors'
import express from 'express'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { fingerprint, listen, type RunningApp } from './support.js'

let emulator: Emulator
let manager: TokenManager
let app: RunningApp

beforeEach(async () => {
  emulator = await startEmulator()
  manager = new TokenManager()
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  const server = express()
  server.use(vendorToken(manager, 'bridgeft'))
  server.get('/', (req, res) => {
    res.json({ token: fingerprint(req.vendorToken.accessToken) })
  })
  app = await listen(server)
})

afterEach(async () => {
  await app.close()
  await manager.close()
  await emulator.close()
})

test('1,000 concurrent requests on a cold cache make one token request', async () => {
  // A slow token endpoint keeps the first fetch in flight while the others arrive.
  emulator.fault('bridgeft', { on: 'token', latencyMs: 300, times: 1 })

  const answers = await Promise.all(
    Array.from({ length: 1000 }, async () => {
      const response = await fetch(`${app.url}/`)
      return { status: response.status, body: (await response.json()) as { token: string } }
    }),
  )

  expect(answers.every((answer) => answer.status === 200)).toBe(true)
  expect(new Set(answers.map((answer) => answer.body.token)).size).toBe(1)
  expect(emulator.stats('bridgeft').tokenRequests).toBe(1)
}, 60_000)
