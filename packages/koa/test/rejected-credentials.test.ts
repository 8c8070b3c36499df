import { basicCredentials, TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/koa'
import { bridgeft } from '@vendor-token/vendors'
import Koa from 'koa'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { type CapturingLogger, capturingLogger, listen, type RunningApp } from './support.js'

let emulator: Emulator
let manager: TokenManager
let app: RunningApp
let logger: CapturingLogger
let consoleText: () => string

beforeEach(async () => {
  emulator = await startEmulator()
  logger = capturingLogger()
  // Whatever else the app prints (Koa's own error log included) goes through the console.
  const printed = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => {}),
  )
  consoleText = () =>
    printed.flatMap((spy) => spy.mock.calls.map((call) => String(call))).join('\n')
  manager = new TokenManager({ logger, retry: { retries: 0 } })
  const { baseUrl, clientId, clientSecret } = emulator.vendors.bridgeft
  manager.register(
    'bridgeft',
    bridgeft({ baseUrl, clientId, clientSecret: `${clientSecret}-wrong` }),
  )
  const koa = new Koa()
  koa.use(vendorToken(manager, 'bridgeft', { logger }))
  koa.use((ctx) => {
    ctx.body = { ok: true }
  })
  app = await listen(koa.callback())
})

afterEach(async () => {
  vi.restoreAllMocks()
  await app.close()
  await manager.close()
  await emulator.close()
})

test('rejected credentials -> 502, and no secret in the body, the headers or the logs', async () => {
  const { clientId, clientSecret } = emulator.vendors.bridgeft
  const wrongSecret = `${clientSecret}-wrong`

  const response = await fetch(`${app.url}/`)
  const body = await response.text()

  expect(response.status).toBe(502)
  expect(JSON.parse(body)).toEqual({ error: 'token_rejected', message: 'Bad Gateway' })
  expect(logger.text()).toContain('token_rejected')
  const everything = [
    body,
    JSON.stringify([...response.headers]),
    logger.text(),
    consoleText(),
  ].join('\n')
  for (const secret of [
    clientSecret,
    wrongSecret,
    basicCredentials(clientId, wrongSecret).slice('Basic '.length),
  ]) {
    expect(everything).not.toContain(secret)
  }
})
