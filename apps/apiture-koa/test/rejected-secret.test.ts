import { type Logger, TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type RunningApp, start } from '../src/app.js'

let emulator: Emulator
let manager: TokenManager
let app: RunningApp
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
  manager = new TokenManager({ logger, retry: { retries: 0 } })
  const { clientSecret, ...settings } = emulator.vendors.apiture
  app = await start({
    settings: { ...settings, clientSecret: `${clientSecret}-wrong`, scopes: ['banking/read'] },
    port: 0,
    manager,
  })
})

afterAll(async () => {
  await app?.close()
  await manager?.close()
  await emulator?.close()
})

test('a wrong client secret: 502 token_rejected and one error line naming it, without the secret', async () => {
  const response = await fetch(`${app.url}/accounts`, { headers: { 'x-request-id': 'r-7' } })

  expect(response.status).toBe(502)
  expect(await response.json()).toMatchObject({ error: 'token_rejected' })
  expect(logged).toHaveLength(1)
  expect(logged[0]).toMatch(/^error GET \/accounts failed .*"code":"token_rejected"/)
  expect(logged[0]).toContain('"vendor":"apiture"')
  expect(logged[0]).toContain('"requestId":"r-7"')
  expect(logged[0]).not.toContain(emulator.vendors.apiture.clientSecret)
})
