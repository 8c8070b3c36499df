import { type Logger, TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type RunningApp, start } from '../src/app.js'

let emulator: Emulator
let app: RunningApp
let manager: TokenManager
/** What the app logged at info and above (the default logger would print it in the test run). */
const logged: string[] = []
const line = (level: string) => (message: string, fields?: Record<string, unknown>) => {
  logged.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`)
}
const logger: Logger = {
  debug: () => {},
  info: line('info'),
  warn: line('warn'),
  error: line('error'),
}

beforeAll(async () => {
  emulator = await startEmulator()
  manager = new TokenManager({ logger })
  app = await start({ settings: emulator.vendors.modelPortfolios, port: 0, manager })
})

afterAll(async () => {
  await app?.close()
  await manager?.close()
  await emulator?.close()
})

test('boots on 127.0.0.1 and answers /health', async () => {
  expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(await (await fetch(`${app.url}/health`)).json()).toEqual({ ok: true })
})

test('lists model portfolios; one 24 h token serves every request', async () => {
  const before = emulator.stats('modelPortfolios')
  for (let i = 0; i < 3; i++) {
    const response = await fetch(`${app.url}/model-portfolios`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { modelPortfolios: { id: string; name: string }[] }
    expect(body.modelPortfolios.length).toBeGreaterThan(0)
    expect(body.modelPortfolios[0]).toHaveProperty('name')
  }
  const after = emulator.stats('modelPortfolios')
  expect(after.tokenRequests - before.tokenRequests).toBeLessThanOrEqual(1)
  // The vendor refuses API calls without its versioned Accept header: all three passed.
  expect(after.resourceRequests - before.resourceRequests).toBe(3)
  const [row] = app.manager.status().filter((r) => r.vendor === 'modelPortfolios')
  expect(row!.expiresInSeconds).toBeGreaterThan(23 * 3600)
})

test('token endpoint down on a cold cache: 503 with Retry-After, then recovery', async () => {
  await app.manager.invalidate('modelPortfolios')
  emulator.fault('modelPortfolios', { on: 'token', status: 503 })
  const down = await fetch(`${app.url}/model-portfolios`)
  expect(down.status).toBe(503)
  expect(down.headers.get('retry-after')).toMatch(/^\d+$/)
  // The app tells its operator once, as a warning (the vendor is down; nothing to fix here).
  expect(logged.filter((entry) => !entry.startsWith('info '))).toEqual([
    expect.stringMatching(
      /^warn vendor token for modelPortfolios unavailable .*"code":"endpoint_unavailable"/,
    ),
  ])
  emulator.clearFaults('modelPortfolios')
  // The manager shares a final failure with callers for a short cool-down, then tries again.
  let status = 0
  for (let i = 0; i < 100 && status !== 200; i++) {
    status = (await fetch(`${app.url}/model-portfolios`)).status
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200))
  }
  expect(status).toBe(200)
})

test('a token the vendor revoked is replaced within the same request', async () => {
  expect((await fetch(`${app.url}/model-portfolios`)).status).toBe(200)
  emulator.revokeTokens('modelPortfolios')
  const before = emulator.stats('modelPortfolios')
  expect((await fetch(`${app.url}/model-portfolios`)).status).toBe(200)
  const after = emulator.stats('modelPortfolios')
  expect(after.tokenRequests - before.tokenRequests).toBe(1)
  expect(after.rejectedInvalid - before.rejectedInvalid).toBe(1)
  // The next request uses the fresh token: no further token request, no rejection.
  expect((await fetch(`${app.url}/model-portfolios`)).status).toBe(200)
  expect(emulator.stats('modelPortfolios').tokenRequests).toBe(after.tokenRequests)
})

test('unknown routes are 404', async () => {
  expect((await fetch(`${app.url}/nope`)).status).toBe(404)
  expect((await fetch(`${app.url}/model-portfolios`, { method: 'POST' })).status).toBe(404)
})
