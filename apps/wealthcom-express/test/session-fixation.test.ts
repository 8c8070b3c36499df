import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
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
  app = await start({ settings: emulatorSettings(emulator), port: 0 })
})
afterEach(() => app.close())

const sessionCookie = (jar: ReturnType<typeof browser>['jar'], url: string) =>
  /wc_session=([\w-]+)/.exec(jar.header(`${url}/me`) ?? '')?.[1]

it("session fixation: cookies planted from an attacker's visit are dead after the victim signs in", async () => {
  const attacker = browser(app.url)
  const victim = browser(app.url)
  // The attacker gets whatever cookies a visit to the login gives, and plants them in the
  // victim's browser (a subdomain, an injected header, a shared machine).
  const visit = await attacker.get('/auth/login')
  victim.jar.store(visit)
  const planted = attacker.jar.header(`${app.url}/auth/callback`)
  const signedIn = await signInThroughApp(victim.get)
  expect(signedIn.status).toBe(303)
  expect((await victim.get('/me/clients')).status).toBe(200)
  // The victim's session id is new; the attacker's cookies open nothing.
  const session = sessionCookie(victim.jar, app.url)
  expect(session).toBeDefined()
  expect(planted ?? '').not.toContain(session!)
  const replay = await attacker.get('/me/clients')
  expect(replay.status).toBe(303)
  expect(replay.headers.get('location')).toMatch(/^\/auth\/login/)
})

it('sign-out drops the session id: the old cookie, replayed, is not signed in', async () => {
  const advisor = browser(app.url)
  await signInThroughApp(advisor.get)
  const old = sessionCookie(advisor.jar, app.url)
  expect((await advisor.get('/auth/logout', { method: 'POST' })).status).toBe(303)
  const replay = await fetch(`${app.url}/me`, {
    headers: { cookie: `wc_session=${old}`, accept: 'text/html' },
    redirect: 'manual',
  })
  expect(replay.status).toBe(303)
})

it('10,000 anonymous visits to /auth/login: no session each, the signed-in advisor stays signed in', async () => {
  const advisor = browser(app.url)
  await signInThroughApp(advisor.get)
  let visits = 0
  const visitor = async () => {
    while (visits < 10_000) {
      visits++
      const response = await fetch(`${app.url}/auth/login`, { redirect: 'manual' })
      expect(response.status).toBe(302)
      expect(response.headers.getSetCookie().join()).not.toContain('wc_session')
      await response.arrayBuffer()
    }
  }
  await Promise.all(Array.from({ length: 20 }, visitor))
  expect((await advisor.get('/me/clients')).status).toBe(200)
}, 180_000)
