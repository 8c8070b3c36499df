import { describe, expect, it } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { useSignInApp } from './sign-in-app.js'
import { browser, throughProvider } from './sign-in-browser.js'

/**
 * A signed-in advisor whose session ended (the access token expired and there is no refresh
 * token: core's ReauthenticationRequiredError) is answered like one who never signed in: pages
 * redirect to the login route, APIs answer 401, and nothing is sent to the provider.
 */
export function describeSessionEnded(adapter: AdapterUnderTest): void {
  describe(`session ended (${adapter.name})`, () => {
    const harness = useSignInApp(adapter)

    it('an expired token without a refresh token: pages go to the login, APIs get 401', async () => {
      const get = browser(harness.app.url)
      expect((await get(await throughProvider(get, harness.app.url))).status).toBe(303)
      const [entry] = harness.manager.status()
      const { user } = JSON.parse(entry!.key.slice('wealthcom:'.length)) as { user: string }
      // What a provider that issued no refresh token leaves: a token past its expiry skew. The
      // first call that meets it signs the user out, so each answer gets its own ended session.
      const endSession = () => {
        const now = Date.now()
        return harness.manager.setToken(
          'wealthcom',
          { user },
          {
            accessToken: 'ended',
            tokenType: 'Bearer',
            issuedAt: now - 3_600_000,
            expiresAt: now + 1000,
          },
        )
      }
      harness.emulator.resetStats()

      await endSession()
      const api = await get('/clients')
      expect(api.status).toBe(401)
      expect(await api.json()).toMatchObject({ error: 'reauthentication_required' })

      await endSession()
      const page = await get('/me?tab=1', 'text/html')
      expect(page.status).toBe(303)
      expect(page.headers.get('location')).toBe('/auth/login?returnTo=%2Fme%3Ftab%3D1')
      expect(harness.emulator.stats('wealthcom').tokenRequests).toBe(0)
    })
  })
}
