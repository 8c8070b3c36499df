import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { type RunningApp, start } from '../src/app.js'
import { EMULATOR_FIRM_IDS } from '../src/config.js'

let emulator: Emulator
let app: RunningApp

beforeAll(async () => {
  emulator = await startEmulator()
  const settings = { ...emulator.vendors.bridgeft, allowedFirmIds: EMULATOR_FIRM_IDS }
  app = await start({ settings, port: 0 })
})

afterAll(async () => {
  await app?.close()
  await emulator?.close()
})

interface AccountsAnswer {
  firmIds: number[]
  accounts: { id: number; firm_id: number }[]
}

async function accounts(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(app.url + path, { headers })
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as AccountsAnswer,
  }
}

test('boots on 127.0.0.1 and answers /health', async () => {
  expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  const response = await fetch(`${app.url}/health`)
  expect(await response.json()).toEqual({ ok: true })
})

test("x-firm-ids scopes the token: only those firms' accounts come back", async () => {
  const before = emulator.stats('bridgeft').tokenRequests
  const all = await accounts('/accounts')
  const scoped = await accounts('/accounts', { 'x-firm-ids': '39, 792' })
  expect(all.status).toBe(200)
  expect(scoped.status).toBe(200)
  expect(new Set(all.body.accounts.map((a) => a.firm_id))).toContain(1001)
  expect(scoped.body.firmIds).toEqual([39, 792])
  expect(scoped.body.accounts.length).toBeGreaterThan(0)
  expect(scoped.body.accounts.length).toBeLessThan(all.body.accounts.length)
  for (const account of scoped.body.accounts) expect([39, 792]).toContain(account.firm_id)
  expect(emulator.stats('bridgeft').tokenRequests - before).toBe(2) // one per firm set
})

test('the same firms in another order, from the query, reuse the cached token', async () => {
  await accounts('/accounts', { 'x-firm-ids': '39,792' })
  const before = emulator.stats('bridgeft').tokenRequests
  const again = await accounts('/accounts?firm_ids=792,39')
  expect(again.status).toBe(200)
  expect(again.body.accounts.every((a) => [39, 792].includes(a.firm_id))).toBe(true)
  expect(emulator.stats('bridgeft').tokenRequests).toBe(before)
})

test('a firm id that is not a number is a 400, and no token request is sent', async () => {
  const before = emulator.stats('bridgeft').tokenRequests
  const response = await fetch(`${app.url}/accounts`, { headers: { 'x-firm-ids': '39,abc' } })
  expect(response.status).toBe(400)
  expect(emulator.stats('bridgeft').tokenRequests).toBe(before)
})

test('no firm ids: the token of the allowed firms', async () => {
  const all = await accounts('/accounts')
  expect(all.status).toBe(200)
  expect(all.body.firmIds).toEqual([39, 792, 1001])
})

test('firm ids outside the allow-list are a 400 before any token request: 3,000 made-up sets', async () => {
  const before = emulator.stats('bridgeft').tokenRequests
  const refused = await fetch(`${app.url}/accounts`, { headers: { 'x-firm-ids': '39,40' } })
  expect(refused.status).toBe(400)
  expect(await refused.text()).toContain('40')
  for (let id = 5000; id < 8000; id += 100) {
    const batch = Array.from({ length: 100 }, (_, i) =>
      fetch(`${app.url}/accounts`, { headers: { 'x-firm-ids': String(id + i) } }).then(
        (r) => r.status,
      ),
    )
    expect(new Set(await Promise.all(batch))).toEqual(new Set([400]))
  }
  expect(emulator.stats('bridgeft').tokenRequests).toBe(before)
}, 60_000)

test('token endpoint down: a cold firm set gets 503 with Retry-After, no secret in the body', async () => {
  emulator.fault('bridgeft', { on: 'token', status: 503 })
  // The app keeps the manager's default logger: its line goes to stderr (caught here, not printed).
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  try {
    const response = await fetch(`${app.url}/accounts`, { headers: { 'x-firm-ids': '1001' } })
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/)
    const text = await response.text()
    expect(text).not.toContain(emulator.vendors.bridgeft.clientSecret)
    const lines = stderr.mock.calls.map(([chunk]) => String(chunk))
    expect(lines).toEqual([
      expect.stringMatching(/ WARN \[vendor-token\] .*"endpoint_unavailable"/),
    ])
    expect(lines.join('')).not.toContain(emulator.vendors.bridgeft.clientSecret)
  } finally {
    stderr.mockRestore()
    emulator.clearFaults('bridgeft')
  }
})

test('a token the vendor revoked is replaced within the same request', async () => {
  await accounts('/accounts', { 'x-firm-ids': '39' })
  emulator.revokeTokens('bridgeft')
  const before = emulator.stats('bridgeft')
  const again = await accounts('/accounts', { 'x-firm-ids': '39' })
  expect(again.status).toBe(200)
  expect(again.body.accounts.every((a) => a.firm_id === 39)).toBe(true)
  const after = emulator.stats('bridgeft')
  expect(after.tokenRequests - before.tokenRequests).toBe(1)
  expect(after.rejectedInvalid - before.rejectedInvalid).toBe(1) // the revoked one, once
})

test('unknown routes are 404', async () => {
  expect((await fetch(`${app.url}/nope`)).status).toBe(404)
})
