import type { TokenEvents } from '@vendor-token/core'
import { completeTestLogin, type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningApp, start } from '../src/app.js'
import { emulatorSettings } from '../src/config.js'
import { browser, signInThroughApp } from './support.js'

let emulator: Emulator
let app: RunningApp

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())
beforeEach(async () => {
  emulator.resetStats()
  app = await start({ settings: emulatorSettings(emulator), port: 0 })
})
afterEach(() => app.close())

describe('advisor sign-in in the sample app', () => {
  it('signs in through the provider and shows the advisor, never the token', async () => {
    const { get } = browser(app.url)
    const finished = await signInThroughApp(get)
    expect(finished.status).toBe(303)
    expect(finished.headers.get('location')).toBe('/me')

    const page = await get('/me')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(
      `Signed in as <strong id="advisor">${emulator.vendors.wealthcom.testLogin.username}</strong>`,
    )
    const key = app.manager.status().find((row) => row.vendor === 'wealthcomUser')!.key
    const { user } = JSON.parse(key.slice(key.indexOf(':') + 1)) as { user: string }
    const token = await app.manager.getToken('wealthcomUser', { user })
    expect(html).not.toContain(token.accessToken)
    expect(html).not.toContain(token.accessToken.slice(0, 40))
  })

  it("calls the Advisor API's listClients with the advisor's own token", async () => {
    const { get } = browser(app.url)
    await signInThroughApp(get, '/me/clients')
    const clients = await get('/me/clients')
    expect(clients.status).toBe(200)
    expect(((await clients.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0)
    const stats = emulator.stats('wealthcom')
    expect(stats.tokenRequestsByGrantType).toEqual({ authorization_code: 1 })
    expect(stats.rejectedInvalid).toBe(0)
  })

  it('keeps the session in an HttpOnly, SameSite=Lax cookie made at sign-in, and the user key is no cookie', async () => {
    const { get } = browser(app.url)
    const login = await get('/auth/login')
    const pending = login.headers.getSetCookie().find((line) => line.startsWith('wc_signin='))!
    expect(pending).toMatch(/HttpOnly/i)
    expect(pending).toMatch(/SameSite=Lax/i)
    expect(login.headers.getSetCookie().some((line) => line.startsWith('wc_session='))).toBe(false)
    const callback = await signInThroughApp(get)
    const cookie = callback.headers.getSetCookie().find((line) => line.startsWith('wc_session='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const sessionId = /^wc_session=([^;]+)/.exec(cookie)![1]!
    const pendingId = /^wc_signin=([^;]+)/.exec(pending)![1]!
    const keys = app.manager.status().map((row) => row.key)
    expect(keys.length).toBe(1)
    expect(keys.join()).not.toContain(sessionId)
    expect(keys.join()).not.toContain(pendingId)
  })

  it('without a session, /me goes to the login; another browser is not signed in', async () => {
    const first = browser(app.url)
    await signInThroughApp(first.get)
    const other = browser(app.url)
    const bounced = await other.get('/me')
    expect(bounced.status).toBe(303)
    expect(bounced.headers.get('location')).toBe('/auth/login?returnTo=%2Fme')
  })

  it('sign-out forgets the tokens (signedOut) and the session', async () => {
    const signedOut: TokenEvents['signedOut'][0][] = []
    const { get } = browser(app.url)
    await signInThroughApp(get)
    app.manager.on('signedOut', (event) => signedOut.push(event))
    const out = await get('/auth/logout', { method: 'POST' })
    expect(out.status).toBe(303)
    expect(signedOut).toMatchObject([{ vendor: 'wealthcomUser', reason: 'sign_out' }])
    expect((await get('/me')).status).toBe(303) // signed out: back to the login
    expect(app.manager.status().every((row) => row.state !== 'valid')).toBe(true)
  })

  it('a callback for a sign-in it did not start is a 400 page and signs nobody in', async () => {
    const victim = browser(app.url)
    const bounced = await victim.get('/me')
    const login = await victim.get(bounced.headers.get('location')!)
    const callback = new URL(await completeTestLogin(login.headers.get('location')!))
    const attacker = browser(app.url)
    const answer = await attacker.get(`${callback.pathname}${callback.search}`)
    expect(answer.status).toBe(400)
    expect(await answer.text()).toContain('Sign-in failed')
    expect((await attacker.get('/me')).status).toBe(303)
    expect(emulator.stats('wealthcom').tokenRequestsByGrantType.authorization_code).toBeUndefined()
  })
})
