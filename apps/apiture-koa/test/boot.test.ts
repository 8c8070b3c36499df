import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type RunningApp, start } from '../src/app.js'

let emulator: Emulator
let app: RunningApp

beforeAll(async () => {
  emulator = await startEmulator()
  app = await start({
    settings: { ...emulator.vendors.apiture, scopes: ['banking/read'] },
    port: 0,
  })
})

afterAll(async () => {
  await app?.close()
  await emulator?.close()
})

async function accounts(query = '') {
  const response = await fetch(`${app.url}/accounts${query}`)
  return {
    status: response.status,
    body: (await response.json()) as { scopes: string[]; accounts: unknown[] },
  }
}

test('boots on 127.0.0.1 and answers /health', async () => {
  expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(await (await fetch(`${app.url}/health`)).json()).toEqual({ ok: true })
})

test('discovers the token endpoint once and calls the banking accounts resource', async () => {
  const before = emulator.stats('apiture')
  const first = await accounts()
  const second = await accounts()
  expect(first.status).toBe(200)
  expect(first.body.scopes).toEqual(['banking/read'])
  expect(first.body.accounts.length).toBeGreaterThan(0)
  expect(second.status).toBe(200)
  const after = emulator.stats('apiture')
  expect(after.discoveryRequests - before.discoveryRequests).toBe(1)
  expect(after.tokenRequests - before.tokenRequests).toBe(1)
  expect(after.resourceRequests - before.resourceRequests).toBe(2)
})

test('each scope set is its own token', async () => {
  await accounts()
  const before = emulator.stats('apiture').tokenRequests
  const both = await accounts('?scope=banking/write%20banking/read')
  expect(both.status).toBe(200)
  expect(both.body.scopes).toEqual(['banking/read', 'banking/write'])
  expect(emulator.stats('apiture').tokenRequests - before).toBe(1)
  const writeOnly = await fetch(`${app.url}/accounts?scope=banking/write`)
  expect(writeOnly.status).toBe(403) // the resource needs banking/read
})

test('a revoked token is replaced: manager.fetch retries once after the 401', async () => {
  await accounts()
  emulator.revokeTokens('apiture')
  const before = emulator.stats('apiture').tokenRequests
  const again = await accounts()
  expect(again.status).toBe(200)
  expect(emulator.stats('apiture').tokenRequests - before).toBe(1)
})

test('unknown routes are 404', async () => {
  expect((await fetch(`${app.url}/nope`)).status).toBe(404)
})
