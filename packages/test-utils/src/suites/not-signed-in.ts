import { describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { bridgeftManager, useTokenApp } from './token-app.js'

/** A request without a signed-in user is answered 401 before any token request. */
export function describeNotSignedIn(adapter: AdapterUnderTest): void {
  describe(`not signed in (${adapter.name})`, () => {
    const harness = useTokenApp(adapter, (emulator) => ({
      manager: bridgeftManager(emulator),
      mounts: [{ vendor: 'bridgeft', options: { user: (header) => header('x-user') } }],
      path: '/',
      answer: () => ({ ok: true }),
    }))

    test('a request without a signed-in user is answered 401 without a token request', async () => {
      const response = await fetch(`${harness.app.url}/`)

      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({ error: 'not_signed_in' })
      expect(harness.emulator.stats('bridgeft').tokenRequests).toBe(0)
    })
  })
}
