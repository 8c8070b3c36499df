import { randomBytes } from 'node:crypto'
import { TokenManager } from '@vendor-token/core'
import { CookieJar, completeTestLogin, type Emulator, startEmulator } from '@vendor-token/emulator'
import { signIn, vendorToken } from '@vendor-token/express'
import { wealthcom } from '@vendor-token/vendors'
import express, { type Request } from 'express'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listen, type RunningApp } from './support.js'

// An Express app with a tiny cookie session (the session id is the user key), the sign-in
// routes, and a route that calls the Advisor API with the signed-in advisor's token.
let emulator: Emulator
let manager: TokenManager
let app: RunningApp
const sessions = new WeakMap<Request, string>()

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

beforeEach(async () => {
  emulator.resetStats()
  manager = new TokenManager()
  const server = express()
  server.use((req, res, next) => {
    let sid = /(?:^|;\s*)sid=([\w-]+)/.exec(req.get('cookie') ?? '')?.[1]
    if (sid === undefined) {
      sid = randomBytes(16).toString('base64url')
      res.cookie('sid', sid, { httpOnly: true, sameSite: 'lax' })
    }
    sessions.set(req, sid)
    next()
  })
  server.use(signIn(manager, 'wealthcom', { userKey: (req) => sessions.get(req) }))
  server.get(
    '/clients',
    vendorToken(manager, 'wealthcom', { user: (req) => sessions.get(req) }),
    async (req, res) => {
      const upstream = await fetch(`${emulator.vendors.wealthcom.baseUrl}/v1/clients`, {
        headers: { authorization: req.vendorToken.authorization },
      })
      res.status(upstream.status).json({ advisor: req.vendorToken.claims?.sub })
    },
  )
  server.all(
    '/me',
    vendorToken(manager, 'wealthcom', {
      user: (req) => sessions.get(req),
      onMissingUser: 'redirect',
    }),
    (req, res) => {
      res.json({ advisor: req.vendorToken.claims?.sub })
    },
  )
  app = await listen(server)
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

describe('signIn (Express)', () => {
  it('signs an advisor in and sends them back to returnTo, signed in', async () => {
    const get = browser()
    expect((await get('/clients')).status).toBe(401) // no token before signing in
    const callback = await throughProvider(get, '/auth/login?returnTo=%2Fclients')
    const finished = await get(callback)
    expect(finished.status).toBe(303)
    expect(finished.headers.get('location')).toBe('/clients')
    expect(finished.headers.get('cache-control')).toBe('no-store')
    const clients = await get('/clients')
    expect(clients.status).toBe(200)
    expect(await clients.json()).toEqual({ advisor: emulator.vendors.wealthcom.testLogin.username })
  })

  it('goes to afterSignIn (/) without a returnTo', async () => {
    const get = browser()
    const finished = await get(await throughProvider(get))
    expect(finished.headers.get('location')).toBe('/')
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
    const noState = await get('/auth/callback?code=abc')
    expect(noState.status).toBe(400)
    expect(await noState.json()).toMatchObject({
      error: 'callback_rejected',
      reason: 'state_missing',
    })
    const wrongState = await get('/auth/callback?code=abc&state=never-issued')
    expect(await wrongState.json()).toMatchObject({ reason: 'state_unknown' })

    const denied = await get(await throughProvider(get, '/auth/login', true))
    expect(denied.status).toBe(400)
    expect(await denied.json()).toMatchObject({ reason: 'provider_error' })

    // Another browser (session) brings this one's callback: refused, nobody signed in.
    const callback = await throughProvider(get)
    const other = browser()
    const stolen = await other(callback)
    expect(await stolen.json()).toMatchObject({ reason: 'state_user_mismatch' })
    // ... and the state is used up, so the replay on the right session fails too.
    expect(await (await get(callback)).json()).toMatchObject({ reason: 'state_unknown' })

    expect((await get('/clients')).status).toBe(401)
    expect((await other('/clients')).status).toBe(401)
    expect(emulator.stats('wealthcom').tokenRequestsByGrantType.authorization_code).toBeUndefined()
  })

  it('shows browsers a small page, not JSON', async () => {
    const response = await browser()('/auth/callback?state=x&code=y', 'text/html,*/*')
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const page = await response.text()
    expect(page).toContain('Sign-in failed')
    expect(page).toContain('href="/auth/login"')
  })

  it('a replayed callback is refused: the state is single use', async () => {
    const get = browser()
    const callback = await throughProvider(get)
    expect((await get(callback)).status).toBe(303)
    const replay = await get(callback)
    expect(replay.status).toBe(400)
    expect(await replay.json()).toMatchObject({ reason: 'state_unknown' })
    expect(emulator.stats('wealthcom').tokenRequestsByGrantType).toEqual({ authorization_code: 1 })
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
    expect(() => vendorToken(manager, 'wealthcom', { onMissingUser: 'bounce' as never })).toThrow(
      /onMissingUser/,
    )
  })

  it('leaves other methods and paths alone, and checks its options at mount', async () => {
    expect((await fetch(`${app.url}/auth/login`, { method: 'POST' })).status).toBe(404)
    expect(() => signIn(manager, 'wealthcom', {} as never)).toThrow(/userKey/)
    expect(() =>
      signIn(manager, 'wealthcom', { userKey: () => 'u', afterSignIn: 'https://evil.example' }),
    ).toThrow(/afterSignIn/)
  })
})
