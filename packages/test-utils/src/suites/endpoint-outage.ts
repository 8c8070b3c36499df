import { ManualClock } from '@vendor-token/core'
import { describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { type CapturingLogger, capturingLogger } from '../capturing-logger.js'
import { bridgeftManager, useTokenApp } from './token-app.js'

const FAILURE_COOLDOWN_MS = 5_000

/** A token endpoint that is down is answered 503 with Retry-After, and recovered from. */
export function describeEndpointOutage(adapter: AdapterUnderTest): void {
  describe(`endpoint outage (${adapter.name})`, () => {
    let clock: ManualClock
    let logger: CapturingLogger
    const harness = useTokenApp(adapter, (emulator) => {
      logger = capturingLogger()
      clock = new ManualClock()
      return {
        manager: bridgeftManager(emulator, {
          clock,
          logger,
          retry: { retries: 0 },
          failureCooldownMs: FAILURE_COOLDOWN_MS,
        }),
        mounts: [{ vendor: 'bridgeft' }],
        path: '/',
        answer: ([view]) => ({ scheme: view!.vendorToken.tokenType }),
      }
    })

    test('token endpoint down -> 503 with Retry-After; requests resume when it is back', async () => {
      harness.emulator.fault('bridgeft', { on: 'token', status: 503, retryAfterSeconds: 7 })

      const down = await fetch(`${harness.app.url}/`)
      expect(down.status).toBe(503)
      expect(down.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/)
      expect(await down.json()).toEqual({
        error: 'endpoint_unavailable',
        message: 'Service Unavailable',
      })
      // A vendor that is down passes: one warn line, through the manager's logger.
      expect(logger.heard()).toHaveLength(1)
      expect(logger.heard()[0]).toMatch(/^warn vendor token for bridgeft unavailable /)
      expect(logger.heard()[0]).toContain('"code":"endpoint_unavailable"')

      harness.emulator.clearFaults('bridgeft')
      await clock.advanceAsync(FAILURE_COOLDOWN_MS + 1)

      const back = await fetch(`${harness.app.url}/`)
      expect(back.status).toBe(200)
      expect(await back.json()).toEqual({ scheme: 'Bearer' })
    })

    test('a token endpoint that resets connections is answered 503 too', async () => {
      harness.emulator.fault('bridgeft', { on: 'token', reset: true })

      const response = await fetch(`${harness.app.url}/`)

      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/)
    })
  })
}
