import { describe, expect, it } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { useSignInApp } from './sign-in-app.js'
import { browser, throughProvider } from './sign-in-browser.js'

/**
 * `signIn` routes on an app with a tiny cookie session (the session id is the user key), and
 * routes that use the signed-in advisor's token.
 */
export function describeSignIn(adapter: AdapterUnderTest): void {
  describe(`signIn (${adapter.name})`, () => {
    const harness = useSignInApp(adapter)

    const login = (get: ReturnType<typeof browser>, path?: string, cancel?: boolean) =>
      throughProvider(get, harness.app.url, path, cancel)

    it('signs an advisor in and sends them back to returnTo, signed in', async () => {
      const get = browser(harness.app.url)
      expect((await get('/clients')).status).toBe(401) // no token before signing in
      const callback = await login(get, '/auth/login?returnTo=%2Fclients')
      const finished = await get(callback)
      expect(finished.status).toBe(303)
      expect(finished.headers.get('location')).toBe('/clients')
      expect(finished.headers.get('cache-control')).toBe('no-store')
      const clients = await get('/clients')
      expect(clients.status).toBe(200)
      expect(await clients.json()).toEqual({
        advisor: harness.emulator.vendors.wealthcom.testLogin.username,
      })
    })

    it('goes to afterSignIn (/) without a returnTo', async () => {
      const get = browser(harness.app.url)
      const finished = await get(await login(get))
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
      const response = await browser(harness.app.url)(
        `/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
      )
      expect(response.status).toBe(400)
      expect(response.headers.get('location')).toBeNull()
      expect(await response.json()).toMatchObject({ error: 'invalid_params' })
    })

    it('answers bad callbacks with a clear 4xx and stores no token', async () => {
      const get = browser(harness.app.url)
      const noState = await get('/auth/callback?code=abc')
      expect(noState.status).toBe(400)
      expect(await noState.json()).toMatchObject({
        error: 'callback_rejected',
        reason: 'state_missing',
      })
      const wrongState = await get('/auth/callback?code=abc&state=never-issued')
      expect(await wrongState.json()).toMatchObject({ reason: 'state_unknown' })

      const denied = await get(await login(get, '/auth/login', true))
      expect(denied.status).toBe(400)
      expect(await denied.json()).toMatchObject({ reason: 'provider_error' })

      // Another browser (session) brings this one's callback: refused, nobody signed in.
      const callback = await login(get)
      const other = browser(harness.app.url)
      const stolen = await other(callback)
      expect(await stolen.json()).toMatchObject({ reason: 'state_user_mismatch' })

      expect((await get('/clients')).status).toBe(401)
      expect((await other('/clients')).status).toBe(401)
      expect(
        harness.emulator.stats('wealthcom').tokenRequestsByGrantType.authorization_code,
      ).toBeUndefined()

      // The refused attempt did not use the state up: its own session still finishes, once.
      expect((await get(callback)).status).toBe(303)
      expect((await get('/clients')).status).toBe(200)
      expect((await other('/clients')).status).toBe(401)
      expect(await (await get(callback)).json()).toMatchObject({ reason: 'state_unknown' })
    })

    it.each(['text/html,*/*', 'text/html'])(
      'shows browsers (Accept: %s) a small page, not JSON',
      async (accept) => {
        const response = await browser(harness.app.url)('/auth/callback?state=x&code=y', accept)
        expect(response.status).toBe(400)
        expect(response.headers.get('content-type')).toMatch(/^text\/html/)
        const page = await response.text()
        expect(page).toContain('Sign-in failed')
        expect(page).toContain('href="/auth/login"')
      },
    )

    it('a replayed callback is refused: the state is single use', async () => {
      const get = browser(harness.app.url)
      const callback = await login(get)
      expect((await get(callback)).status).toBe(303)
      const replay = await get(callback)
      expect(replay.status).toBe(400)
      expect(await replay.json()).toMatchObject({ reason: 'state_unknown' })
      expect(harness.emulator.stats('wealthcom').tokenRequestsByGrantType).toEqual({
        authorization_code: 1,
      })
    })

    it("vendorToken with onMissingUser: 'redirect' sends a GET to the login, and back after it", async () => {
      const get = browser(harness.app.url)
      const bounced = await get('/me?tab=1')
      expect(bounced.status).toBe(303)
      expect(bounced.headers.get('location')).toBe('/auth/login?returnTo=%2Fme%3Ftab%3D1')
      expect((await fetch(`${harness.app.url}/me`, { method: 'POST' })).status).toBe(401) // not a GET
      const finished = await get(await login(get, bounced.headers.get('location')!))
      expect(finished.headers.get('location')).toBe('/me?tab=1')
      const me = await get('/me?tab=1')
      expect(me.status).toBe(200)
      expect(await me.json()).toEqual({
        advisor: harness.emulator.vendors.wealthcom.testLogin.username,
      })
      expect(() =>
        adapter.vendorToken(harness.manager, 'wealthcom', { onMissingUser: 'bounce' }),
      ).toThrow(/onMissingUser/)
    })

    it('leaves other methods and paths alone, and checks its options at mount', async () => {
      expect((await fetch(`${harness.app.url}/auth/login`, { method: 'POST' })).status).toBe(404)
      expect(() => adapter.signIn(harness.manager, 'wealthcom', {})).toThrow(/userKey/)
      expect(() =>
        adapter.signIn(harness.manager, 'wealthcom', {
          userKey: () => 'u',
          afterSignIn: 'https://evil.example',
        }),
      ).toThrow(/afterSignIn/)
    })
  })
}
