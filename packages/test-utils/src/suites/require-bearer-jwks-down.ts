import { type Emulator, signInTestAdvisor, startEmulator } from '@vendor-token/emulator'
import { createVerifier, type Verifier } from '@vendor-token/verify'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { type CapturingLogger, capturingLogger } from '../capturing-logger.js'
import { listen, type RunningApp } from '../listen.js'

/** An unreachable key set is answered 503 with Retry-After, not 401. */
export function describeRequireBearerJwksDown(adapter: AdapterUnderTest): void {
  describe(`requireBearer with the key set down (${adapter.name})`, () => {
    let emulator: Emulator
    let verifier: Verifier | undefined
    let app: RunningApp | undefined
    let logger: CapturingLogger

    beforeEach(async () => {
      emulator = await startEmulator()
      logger = capturingLogger()
    })

    /** The app, with a verifier that has not fetched the key set yet. */
    async function startApp(): Promise<RunningApp> {
      const { jwksUri, issuer, audience } = emulator.vendors.wealthcom
      verifier = createVerifier({ jwksUri, issuer, audience, threads: 1, jwksTimeoutMs: 2_000 })
      const listener = adapter.bearerApp({
        verifier,
        logger,
        routes: [{ method: 'GET', path: '/me' }],
        answer: ({ payload }) => ({ sub: payload.sub }),
      })
      app = await listen(listener)
      return app
    }

    afterEach(async () => {
      await app?.close()
      await verifier?.close()
      await emulator.close()
    })

    test('key set unreachable -> 503 with Retry-After, not 401: the token may be fine', async () => {
      const { accessToken } = await signInTestAdvisor(emulator, 'openid clients:read')
      emulator.fault('wealthcom', { on: 'jwks', status: 503 })
      const { url } = await startApp()

      const response = await fetch(`${url}/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })

      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/)
      expect(await response.json()).toEqual({
        error: 'verifier_unavailable',
        message: 'Service Unavailable',
      })
      expect(logger.text()).toContain('verifier_unavailable')
      expect(logger.text()).not.toContain(accessToken)
    })
  })
}
