import { basicCredentials, TokenManager } from '@vendor-token/core'
import { bridgeft } from '@vendor-token/vendors'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { type CapturingLogger, capturingLogger } from '../capturing-logger.js'
import { useTokenApp } from './token-app.js'

/** Rejected client credentials are answered 502, and no secret leaks anywhere. */
export function describeRejectedCredentials(adapter: AdapterUnderTest): void {
  describe(`rejected credentials (${adapter.name})`, () => {
    let logger: CapturingLogger
    let consoleText: () => string

    beforeEach(() => {
      // Whatever else the app prints (a framework's own error log included) goes through the
      // console: capture that too.
      const printed = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
        vi.spyOn(console, method).mockImplementation(() => {}),
      )
      consoleText = () =>
        printed.flatMap((spy) => spy.mock.calls.map((call) => String(call))).join('\n')
    })
    afterEach(() => {
      vi.restoreAllMocks()
    })

    const harness = useTokenApp(adapter, (emulator) => {
      logger = capturingLogger()
      const manager = new TokenManager({ logger, retry: { retries: 0 } })
      const { baseUrl, clientId, clientSecret } = emulator.vendors.bridgeft
      manager.register(
        'bridgeft',
        bridgeft({ baseUrl, clientId, clientSecret: `${clientSecret}-wrong` }),
      )
      return {
        manager,
        mounts: [{ vendor: 'bridgeft', options: { logger } }],
        path: '/',
        answer: () => ({ ok: true }),
      }
    })

    test('rejected credentials -> 502, and no secret in the body, the headers or the logs', async () => {
      const { clientId, clientSecret } = harness.emulator.vendors.bridgeft
      const wrongSecret = `${clientSecret}-wrong`

      const response = await fetch(`${harness.app.url}/`)
      const body = await response.text()

      expect(response.status).toBe(502)
      expect(JSON.parse(body)).toEqual({ error: 'token_rejected', message: 'Bad Gateway' })
      expect(logger.text()).toContain('token_rejected')
      const everything = [
        body,
        JSON.stringify([...response.headers]),
        logger.text(),
        consoleText(),
      ].join('\n')
      for (const secret of [
        clientSecret,
        wrongSecret,
        basicCredentials(clientId, wrongSecret).slice('Basic '.length),
      ]) {
        expect(everything).not.toContain(secret)
      }
    })
  })
}
