import { fileURLToPath } from 'node:url'
import { startMain } from '@vendor-token/app-kit/testing'
import { expect, test } from 'vitest'

test('`npm start` (dist/main.js) serves against the emulator and stops on SIGTERM', async () => {
  const app = await startMain(fileURLToPath(new URL('..', import.meta.url)))
  try {
    expect((await fetch(`${app.url}/health`)).status).toBe(200)
    // Advisor sign-in is on, against the emulator's provider.
    const me = await fetch(`${app.url}/me`, { redirect: 'manual' })
    expect(me.status).toBe(303)
    expect(me.headers.get('location')).toBe('/auth/login?returnTo=%2Fme')
    const login = await fetch(`${app.url}/auth/login`, { redirect: 'manual' })
    expect(login.status).toBe(302)
    expect(login.headers.get('location')).toMatch(
      /\/wealthcom\/oidc\/auth\?.*code_challenge_method=S256/,
    )
    expect(app.output()).toMatch(/sign in: open http:\/\/127\.0\.0\.1:\d+\/me/)
    expect(await app.stop()).toBe(0)
  } finally {
    app.kill()
  }
})
