import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningApp, start } from '../src/app.js'
import { emulatorSettings } from '../src/config.js'
import { advisorTokens } from './support.js'

// The app's own bearer-protected route: the advisor's access token, verified with
// @vendor-token/verify against the emulator's JWKS (issuer and audience from its vendor info).
let emulator: Emulator
let app: RunningApp
let tokens: { accessToken: string; idToken: string }

beforeAll(async () => {
  emulator = await startEmulator()
  app = await start({ settings: emulatorSettings(emulator), port: 0 })
  tokens = await advisorTokens(emulator)
})
afterAll(async () => {
  await app?.close()
  await emulator?.close()
})

const advisor = (authorization?: string) =>
  fetch(`${app.url}/api/advisor`, authorization ? { headers: { authorization } } : {})

it('answers who the advisor is for a valid access token', async () => {
  const response = await advisor(`Bearer ${tokens.accessToken}`)
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({
    advisor: emulator.vendors.wealthcom.testLogin.username,
    scopes: expect.arrayContaining(['clients:read']),
  })
})

it('refuses no token, an ID token and a forged one with RFC 6750 401s', async () => {
  const missing = await advisor()
  expect(missing.status).toBe(401)
  expect(missing.headers.get('www-authenticate')).toBe('Bearer')
  for (const token of [tokens.idToken, `${tokens.accessToken.slice(0, -4)}AAAA`, 'not-a-jwt']) {
    const response = await advisor(`Bearer ${token}`)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
  }
})
