import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { requireBearer } from '@vendor-token/express'
import { createVerifier, type Verifier } from '@vendor-token/verify'
import express from 'express'
import { afterEach, beforeEach, expect, test } from 'vitest'
import {
  type CapturingLogger,
  capturingLogger,
  listen,
  type RunningApp,
  signInAdvisor,
} from './support.js'

let emulator: Emulator
let verifier: Verifier | undefined
let app: RunningApp | undefined
let logger: CapturingLogger

beforeEach(async () => {
  emulator = await startEmulator()
  logger = capturingLogger()
})

/** The app, with a verifier that has not fetched the key set yet. */
async function startApp(): Promise<RunningApp> {
  const { jwksUri, issuer, audience } = emulator.vendors.wealthcom
  verifier = createVerifier({ jwksUri, issuer, audience, threads: 1, jwksTimeoutMs: 2_000 })
  const server = express()
  server.get('/me', requireBearer(verifier, { logger }), (req, res) => {
    res.json({ sub: req.auth.payload.sub })
  })
  app = await listen(server)
  return app
}

afterEach(async () => {
  await app?.close()
  await verifier?.close()
  await emulator.close()
})

test('key set unreachable -> 503 with Retry-After, not 401: the token may be fine', async () => {
  const { accessToken } = await signInAdvisor(emulator, 'openid clients:read')
  emulator.fault('wealthcom', { on: 'jwks', status: 503 })
  const { url } = await startApp()

  const response = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${accessToken}` } })

  expect(response.status).toBe(503)
  expect(response.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/)
  expect(await response.json()).toEqual({
    error: 'verifier_unavailable',
    message: 'Service Unavailable',
  })
  expect(logger.text()).toContain('verifier_unavailable')
  expect(logger.text()).not.toContain(accessToken)
})
