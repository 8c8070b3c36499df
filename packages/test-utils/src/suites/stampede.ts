import { describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { fingerprint } from '../fingerprint.js'
import { bridgeftManager, useTokenApp } from './token-app.js'

/** 1,000 concurrent requests on a cold cache share one token request. */
export function describeStampede(adapter: AdapterUnderTest): void {
  describe(`stampede (${adapter.name})`, () => {
    const harness = useTokenApp(adapter, (emulator) => ({
      manager: bridgeftManager(emulator),
      mounts: [{ vendor: 'bridgeft' }],
      path: '/',
      answer: ([view, ...others]) => ({
        token: fingerprint(view!.vendorToken.accessToken),
        // Every other place the framework exposes the token holds the same one.
        sameEverywhere: others.every((other) => other.vendorToken === view!.vendorToken),
      }),
    }))

    test('1,000 concurrent requests on a cold cache make one token request', async () => {
      // A slow token endpoint keeps the first fetch in flight while the others arrive.
      harness.emulator.fault('bridgeft', { on: 'token', latencyMs: 300, times: 1 })

      const answers = await Promise.all(
        Array.from({ length: 1000 }, async () => {
          const response = await fetch(`${harness.app.url}/`)
          return {
            status: response.status,
            body: (await response.json()) as { token: string; sameEverywhere: boolean },
          }
        }),
      )

      expect(answers.every((answer) => answer.status === 200 && answer.body.sameEverywhere)).toBe(
        true,
      )
      expect(new Set(answers.map((answer) => answer.body.token)).size).toBe(1)
      expect(harness.emulator.stats('bridgeft').tokenRequests).toBe(1)
    }, 60_000)
  })
}
