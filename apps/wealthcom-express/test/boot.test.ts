import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type RunningApp, start } from '../src/app.js'
import { emulatorSettings } from '../src/config.js'

let emulator: Emulator
let app: RunningApp

beforeAll(async () => {
  emulator = await startEmulator()
  app = await start({ settings: emulator.vendors.wealthcom, port: 0 })
})

afterAll(async () => {
  await app?.close()
  await emulator?.close()
})

interface Client {
  id: string
  advisor_id: string
  team_id: string
}

async function listClients(): Promise<Client[]> {
  const response = await fetch(`${app.url}/clients`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { data: Client[] }).data
}

test('boots on 127.0.0.1 and answers /health', async () => {
  expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(await (await fetch(`${app.url}/health`)).json()).toEqual({ ok: true })
})

test('listClients with the Basic credential; no token endpoint involved', async () => {
  const clients = await listClients()
  expect(clients.length).toBeGreaterThan(0)
  expect(emulator.stats('wealthcom').tokenRequests).toBe(0)
  expect(emulator.stats('wealthcom').rejectedInvalid).toBe(0)
})

test('createClient passes the JSON body through; the new client is listed', async () => {
  const response = await fetch(`${app.url}/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      advisor_id: 'cn4910ny98ec9vb3ghj',
      team_id: 'cn4910ny98ec9vb3ghj',
      first_name: 'Grace',
    }),
  })
  expect(response.status).toBe(201)
  const created = (await response.json()) as Client
  expect(created.advisor_id).toBe('cn4910ny98ec9vb3ghj')
  expect((await listClients()).map((client) => client.id)).toContain(created.id)
})

test("the vendor's validation answer (400) passes through", async () => {
  const response = await fetch(`${app.url}/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ team_id: 'no-advisor' }),
  })
  expect(response.status).toBe(400)
})

test('a wrong password is a 502 without the password in it', async () => {
  const wrong = await start({
    settings: { ...emulator.vendors.wealthcom, password: 'not-the-password-XYZ' },
    port: 0,
  })
  try {
    const response = await fetch(`${wrong.url}/clients`)
    expect(response.status).toBe(502)
    expect(await response.text()).not.toContain('not-the-password-XYZ')
  } finally {
    await wrong.close()
  }
})

test('unknown routes are 404', async () => {
  expect((await fetch(`${app.url}/nope`)).status).toBe(404)
})

test('advisor sign-in is opt-in (settings.signIn): without it there is no /auth or /me', async () => {
  expect((await fetch(`${app.url}/auth/login`, { redirect: 'manual' })).status).toBe(404)
  expect((await fetch(`${app.url}/me`, { redirect: 'manual' })).status).toBe(404)
  expect([...app.manager.sources.keys()]).toEqual(['wealthcom'])
})

test('with emulatorSettings it boots with sign-in, /me, /api and the Basic routes', async () => {
  const full = await start({ settings: emulatorSettings(emulator), port: 0 })
  try {
    expect([...full.manager.sources.keys()]).toEqual(['wealthcom', 'wealthcomUser'])
    expect((await fetch(`${full.url}/clients`)).status).toBe(200)
    expect((await fetch(`${full.url}/me`, { redirect: 'manual' })).status).toBe(303)
    expect((await fetch(`${full.url}/api/advisor`)).status).toBe(401)
    const login = await fetch(`${full.url}/auth/login`, { redirect: 'manual' })
    const redirectUri = new URL(login.headers.get('location')!).searchParams.get('redirect_uri')
    expect(redirectUri).toBe(`${full.url}/auth/callback`)
  } finally {
    await full.close()
  }
})
