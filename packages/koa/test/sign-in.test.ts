import { randomBytes } from 'node:crypto'
import { TokenManager } from '@vendor-token/core'
import { CookieJar, completeTestLogin, type Emulator, startEmulator } from '@vendor-token/emulator'
import { signIn, vendorToken } from '@vendor-token/koa'
import { wealthcom } from '@vendor-token/vendors'
import Koa from 'koa'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listen, type RunningApp } from './support.js'

// A Koa app with a tiny cookie session (the session id is the user key), the sign-in routes,
// and a route that calls the Advisor API with the signed-in advisor's token.
let emulator: Emulator
let manager: TokenManager
let app: RunningApp

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

beforeEach(async () => {
  emulator.resetStats()
  manager = new TokenManager()
  const server = new Koa()
  server.use(async (ctx, next) => {
    let sid = ctx.cookies.get('sid')
    if (sid === undefined) {
      sid = randomBytes(16).toString('base64url')
      ctx.cookies.set('sid', sid, { httpOnly: true, sameSite: 'lax' })
    }
    ctx.state.sid = sid
    await next()
  })
  server.use(signIn(manager, 'wealthcom', { userKey: (ctx) => ctx.state.sid as string }))
  const user = (ctx: Koa.Context) => ctx.state.sid as string
  const me = vendorToken(manager, 'wealthcom', { user, onMissingUser: 'redirect' })
  server.use(async (ctx, next) => {
    if (ctx.path !== '/me') return next()
    await me(ctx, async () => {
      ctx.body = { advisor: ctx.state.vendorToken.claims?.sub }
    })
  })
  server.use(async (ctx, next) => {
    if (ctx.path === '/clients') await next()
    else ctx.status = 404
  })
  server.use(vendorToken(manager, 'wealthcom', { user }))
  server.use(async (ctx) => {
    const upstream = await fetch(`${emulator.vendors.wealthcom.baseUrl}/v1/clients`, {
      headers: { authorization: ctx.state.vendorToken.authorization },
    })
    ctx.status = upstream.status
    ctx.body = { advisor: ctx.state.vendorToken.claims?.sub }
  })
  app = await listen(server.callback())
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  manager.register(
    'wealthcom',
    wealthcom.user({
      issuer,
      clientId,
      clientSecret,
      redirectUri: `${app.url}/auth/callback`,
      scopes: ['openid', 'offline_access'],
    }),
  )
})
afterEach(async () => {
  await app.close()
  await manager.close()
})

/** A browser: keeps the app's cookies, never follows redirects by itself. */
function browser() {
  const jar = new CookieJar()
  return async (path: string, accept = 'application/json') => {
    const url = new URL(path, app.url)
    const cookie = jar.header(url)
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { accept, ...(cookie ? { cookie } : {}) },
    })
    jar.store(response)
    return response
  }
}

/** Login at the app, then the provider's test login; returns the callback path on the app. */
async function throughProvider(
  get: ReturnType<typeof browser>,
  login = '/auth/login',
  cancel = false,
) {
  const started = await get(login)
  expect(started.status).toBe(302)
  const callback = new URL(await completeTestLogin(started.headers.get('location')!, { cancel }))
  expect(callback.origin).toBe(app.url)
  return `${callback.pathname}${callback.search}`
}

describe('signIn (Koa)', () => {
  it('signs an advisor in and sends them back to returnTo, signed in', async () => {
    const get = browser()
    expect((await get('/clients')).status).toBe(401)
    const callback = await throughProvider(get, '/auth/login?returnTo=%2Fclients')
    const finished = await get(callback)
    expect(finished.status).toBe(303)
    expect(finished.headers.get('location')).toBe('/clients')
    expect(finished.headers.get('cache-control')).toBe('no-store')
    const clients = await get('/clients')
    expect(clients.status).toBe(200)
    expect(await clients.json()).toEqual({ advisor: emulator.vendors.wealthcom.testLogin.username })
  })

  it.each([
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
  ])('refuses returnTo=%s with a 400 and no redirect', async (returnTo) => {
    const response = await browser()(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
    expect(response.status).toBe(400)
    expect(response.headers.get('location')).toBeNull()
    expect(await response.json()).toMatchObject({ error: 'invalid_params' })
  })

  it('answers bad callbacks with a clear 4xx and stores no token', async () => {
    const get = browser()
    expect(await (await get('/auth/callback?code=abc')).json()).toMatchObject({
      error: 'callback_rejected',
      reason: 'state_missing',
    })
    expect(await (await get('/auth/callback?code=abc&state=never-issued')).json()).toMatchObject({
      reason: 'state_unknown',
    })
    const denied = await get(await throughProvider(get, '/auth/login', true))
    expect(denied.status).toBe(400)
    expect(await denied.json()).toMatchObject({ reason: 'provider_error' })

    const callback = await throughProvider(get)
    const other = browser()
    expect(await (await other(callback)).json()).toMatchObject({ reason: 'state_user_mismatch' })
    expect(await (await get(callback)).json()).toMatchObject({ reason: 'state_unknown' })

    expect((await get('/clients')).status).toBe(401)
    expect((await other('/clients')).status).toBe(401)
    expect(emulator.stats('wealthcom').tokenRequestsByGrantType.authorization_code).toBeUndefined()
  })

  it("vendorToken with onMissingUser: 'redirect' sends a GET to the login, and back after it", async () => {
    const get = browser()
    const bounced = await get('/me?tab=1')
    expect(bounced.status).toBe(303)
    expect(bounced.headers.get('location')).toBe('/auth/login?returnTo=%2Fme%3Ftab%3D1')
    expect((await fetch(`${app.url}/me`, { method: 'POST' })).status).toBe(401) // not a GET
    const finished = await get(await throughProvider(get, bounced.headers.get('location')!))
    expect(finished.headers.get('location')).toBe('/me?tab=1')
    const me = await get('/me?tab=1')
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({ advisor: emulator.vendors.wealthcom.testLogin.username })
  })

  it('shows browsers a small page, and refuses a replayed callback', async () => {
    const page = await browser()('/auth/callback?state=x&code=y', 'text/html')
    expect(page.status).toBe(400)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toContain('Sign-in failed')

    const get = browser()
    const callback = await throughProvider(get)
    expect((await get(callback)).status).toBe(303)
    expect((await get(callback)).status).toBe(400)
    expect(emulator.stats('wealthcom').tokenRequestsByGrantType).toEqual({ authorization_code: 1 })
  })
})
