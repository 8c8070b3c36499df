import { launchChromium } from '@vendor-token/app-kit/testing'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type RunningApp, start } from '../src/app.js'
import { emulatorSettings } from '../src/config.js'

// A real browser (headless Chromium) clicks through the advisor sign-in: the app's home page,
// the emulator's login form (the Wealth.com provider), and back to the signed-in page.
let emulator: Emulator
let app: RunningApp
let browser: Browser

beforeAll(async () => {
  emulator = await startEmulator()
  app = await start({ settings: emulatorSettings(emulator), port: 0 })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
  await emulator?.close()
})

test('an advisor signs in with the login form and sees the signed-in page', async () => {
  const { username, password } = emulator.vendors.wealthcom.testLogin
  const page = await browser.newPage()
  await page.goto(app.url)
  await page.click('#sign-in')
  // The provider's login form (the emulator's test login for Wealth.com).
  await page.waitForSelector('#username')
  expect(page.url()).toContain(emulator.vendors.wealthcom.issuer)
  await page.fill('#username', username)
  await page.fill('#password', password)
  await page.click('#sign-in')
  // Consent is granted by the emulator; the callback lands on the app and goes on to /me.
  await page.waitForURL(`${app.url}/me`)
  expect(await page.textContent('#advisor')).toBe(username)
  expect(await page.title()).toBe('Signed in')

  // The advisor's clients, with the advisor's own token.
  await page.click('#clients')
  const clients = JSON.parse((await page.textContent('body')) ?? '{}') as { data: unknown[] }
  expect(clients.data.length).toBeGreaterThan(0)

  // Signing out ends the app's session: /me sends the browser to the login again. (The
  // provider's own session lives on, so following that redirect would sign in at once.)
  await page.goto(`${app.url}/me`)
  await page.click('#sign-out')
  await page.waitForURL(`${app.url}/`)
  const me = await page.request.get(`${app.url}/me`, { maxRedirects: 0 })
  expect(me.status()).toBe(303)
  expect(me.headers().location).toBe('/auth/login?returnTo=%2Fme')
  await page.close()
})

test('pressing Cancel at the provider ends on a clear error page, signed out', async () => {
  const page = await browser.newPage()
  await page.goto(`${app.url}/me`)
  await page.waitForSelector('#cancel')
  await page.click('#cancel')
  await page.waitForSelector('#sign-in-error')
  expect(await page.textContent('h1')).toBe('Sign-in failed')
  expect(await page.textContent('#sign-in-error')).toContain('access_denied')
  await page.close()
})
