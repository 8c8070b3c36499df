import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { bridgeft, modelPortfolios, wealthcom } from '@vendor-token/vendors'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { type DemoMetrics, startMetrics } from '../src/metrics.js'
import { type StatusServer, startStatusServer } from '../src/status/server.js'

let emulator: Emulator
let manager: TokenManager
let server: StatusServer
let metrics: DemoMetrics

beforeEach(async () => {
  emulator = await startEmulator()
  manager = new TokenManager({ retry: { retries: 0 } })
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  manager.register('modelPortfolios', modelPortfolios(emulator.vendors.modelPortfolios))
  manager.register('wealthcom', wealthcom.basic(emulator.vendors.wealthcom))
  const apps = [{ name: 'bridgeft-express', url: 'http://127.0.0.1:1/accounts' }]
  metrics = startMetrics(manager)
  server = await startStatusServer({ manager, serveMetrics: metrics.serve, apps, port: 0 })
})

afterEach(async () => {
  await server?.close()
  await metrics?.close()
  await manager?.close()
  await emulator?.close()
})

test('one row per vendor and key with state, expiry, fetches and last error; no token value', async () => {
  const tokens = [
    await manager.getToken('bridgeft'),
    await manager.getToken('bridgeft', { firmIds: [792, 39] }),
    await manager.getToken('wealthcom'),
  ]
  emulator.fault('bridgeft', { on: 'token', status: 503 })
  await manager.getToken('bridgeft', { firmIds: [7] }).catch(() => undefined)
  const response = await fetch(server.url)
  expect(response.headers.get('content-type')).toContain('text/html')
  const html = await response.text()
  expect(html).toMatch(/<meta http-equiv="refresh" content="\d+">/)
  const rows = [...html.matchAll(/<tr data-vendor="([^"]+)" data-state="([^"]+)">/g)].map(
    (m) => `${m[1]}:${m[2]}`,
  )
  expect(rows.sort()).toEqual(
    [
      'bridgeft:valid',
      'bridgeft:valid',
      'bridgeft:failed',
      'modelPortfolios:empty',
      'wealthcom:valid',
    ].sort(),
  )
  expect(html).toContain('endpoint_unavailable') // the failed key's last error code
  // expires-in of the 1 h tokens: `59 min 59 s`, or `1 h 0 min` when rendered in their first second
  expect(html).toMatch(/\d+ min \d+ s|1 h 0 min/)
  for (const token of tokens) {
    expect(html).not.toContain(token.accessToken)
    expect(html).not.toContain(token.authorization)
  }
  expect(html).not.toContain(emulator.vendors.wealthcom.password)
})

test('/status.json is manager.status(); unknown paths are 404', async () => {
  await manager.getToken('bridgeft')
  const json = (await (await fetch(`${server.url}status.json`)).json()) as Record<string, unknown>[]
  const pick = ({ vendor, key, state, fetchCount }: Record<string, unknown>) => ({
    vendor,
    key,
    state,
    fetchCount,
  })
  expect(json.map(pick)).toEqual(manager.status().map((row) => pick({ ...row })))
  expect(json.map(pick)).toContainEqual(
    expect.objectContaining({ vendor: 'bridgeft', state: 'valid' }),
  )
  expect((await fetch(`${server.url}nope`)).status).toBe(404)
})
