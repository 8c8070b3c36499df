import { bridgeftClaims } from '@vendor-token/vendors'
import { describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { type CapturingLogger, capturingLogger } from '../capturing-logger.js'
import { fingerprint } from '../fingerprint.js'
import { bridgeftManager, useTokenApp } from './token-app.js'

/** Params computed per request (firm ids from a header) get their own token. */
export function describePerRequestParams(adapter: AdapterUnderTest): void {
  describe(`per-request params (${adapter.name})`, () => {
    let paramsCalls = 0
    let logger: CapturingLogger
    const harness = useTokenApp(adapter, (emulator) => {
      logger = capturingLogger()
      return {
        // Token requests are counted: a slow answer on a loaded machine must not be retried.
        manager: bridgeftManager(emulator, { logger, timeoutMs: 30_000 }),
        mounts: [
          {
            vendor: 'bridgeft',
            options: {
              params: (header) => {
                paramsCalls++
                const firmIds = header('x-firm-ids')
                if (firmIds === 'explode') throw new Error('params bug near secret-in-params')
                return firmIds === undefined ? undefined : { firmIds: firmIds.split(',') }
              },
            },
          },
        ],
        path: '/accounts',
        answer: ([view]) => ({
          token: fingerprint(view!.vendorToken.accessToken),
          firmIds: bridgeftClaims(view!.vendorToken)?.app.firm_ids,
        }),
      }
    })

    async function accounts(firmIds: string): Promise<{ token: string; firmIds: number[] }> {
      const response = await fetch(`${harness.app.url}/accounts`, {
        headers: { 'x-firm-ids': firmIds },
      })
      expect(response.status).toBe(200)
      return (await response.json()) as { token: string; firmIds: number[] }
    }

    test('firm ids from a header get their own token per set of firms', async () => {
      const first = await accounts('39,792')
      const other = await accounts('17')
      const sameFirmsReordered = await accounts('792,39')

      expect(first.firmIds).toEqual([39, 792])
      expect(other.firmIds).toEqual([17])
      expect(other.token).not.toBe(first.token)
      expect(sameFirmsReordered.token).toBe(first.token)
      expect(harness.emulator.stats('bridgeft').tokenRequests).toBe(2)
    })

    test('a cached default token is not served to a request with params (issue 17)', async () => {
      // No header: no params, so the default (firm-less) token is fetched and cached first.
      const plain = await fetch(`${harness.app.url}/accounts`)
      expect(plain.status).toBe(200)
      const cached = (await plain.json()) as { token: string; firmIds?: number[] }
      expect(cached.firmIds ?? []).toEqual([])

      const withFirms = await accounts('39')

      expect(withFirms.firmIds).toEqual([39])
      expect(withFirms.token).not.toBe(cached.token)
      expect(harness.emulator.stats('bridgeft').tokenRequests).toBe(2)
    })

    test('params run once per request, on a cache miss and on a hit', async () => {
      paramsCalls = 0
      const miss = await accounts('39')
      expect(paramsCalls).toBe(1)
      const hit = await accounts('39')
      expect(paramsCalls).toBe(2)
      expect(hit.token).toBe(miss.token)
      expect(harness.emulator.stats('bridgeft').tokenRequests).toBe(1)
    })

    test('params the vendor cannot take are answered 400 without a token request', async () => {
      const response = await fetch(`${harness.app.url}/accounts`, {
        headers: { 'x-firm-ids': 'not-a-firm' },
      })

      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: 'invalid_params' })
      expect(harness.emulator.stats('bridgeft').tokenRequests).toBe(0)
      // The caller's mistake: logged once, quietly (info).
      expect(logger.heard()).toHaveLength(1)
      expect(logger.heard()[0]).toMatch(/^info .*"code":"invalid_params"/)
    })

    test('a params callback that throws is answered 500 by the middleware, without its message', async () => {
      const response = await fetch(`${harness.app.url}/accounts`, {
        headers: { 'x-firm-ids': 'explode' },
      })

      expect(response.status).toBe(500)
      const body = await response.text()
      expect(JSON.parse(body)).toMatchObject({ error: 'internal_error' })
      expect(body).not.toContain('secret-in-params')
      expect(harness.emulator.stats('bridgeft').tokenRequests).toBe(0)
      // A bug in the app: one error line, with the app's own message so it can be found.
      expect(logger.heard()).toHaveLength(1)
      expect(logger.heard()[0]).toMatch(/^error .*"code":"internal_error"/)
      expect(logger.heard()[0]).toContain('params bug')
    })
  })
}
