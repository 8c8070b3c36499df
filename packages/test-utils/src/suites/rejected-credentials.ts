import { TokenManager } from '@vendor-token/core'
import { basicCredentials } from '@vendor-token/core/adapter'
import { bridgeft } from '@vendor-token/vendors'
import { afterEach, beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { type CapturingLogger, capturingLogger } from '../capturing-logger.js'
import { useTokenApp } from './token-app.js'

/**
 * Rejected client credentials (the emulator's BridgeFT with a wrong secret) are answered 502 and
 * logged once, as an error, through the manager's logger; no secret leaks anywhere.
 */
export function describeRejectedCredentials(adapter: AdapterUnderTest): void {
  for (const logging of ['a capturing logger', 'the default logger'] as const) {
    describe(`rejected credentials with ${logging} (${adapter.name})`, () => {
      let logger: CapturingLogger | undefined
      let consoleText: () => string
      let stderr: MockInstance<typeof process.stderr.write>

      beforeEach(() => {
        // Whatever else the app prints (a framework's own error log included) goes through the
        // console or stderr: capture that too, so nothing reaches the test output.
        const printed = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
          vi.spyOn(console, method).mockImplementation(() => {}),
        )
        stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
        consoleText = () =>
          printed.flatMap((spy) => spy.mock.calls.map((call) => String(call))).join('\n')
      })
      afterEach(() => {
        vi.restoreAllMocks()
      })

      const harness = useTokenApp(adapter, (emulator) => {
        logger = logging === 'a capturing logger' ? capturingLogger() : undefined
        const manager = new TokenManager({
          retry: { retries: 0 },
          ...(logger === undefined ? {} : { logger }),
        })
        const { baseUrl, clientId, clientSecret } = emulator.vendors.bridgeft
        manager.register(
          'bridgeft',
          bridgeft({ baseUrl, clientId, clientSecret: `${clientSecret}-wrong` }),
        )
        return {
          manager,
          mounts: [{ vendor: 'bridgeft' }],
          path: '/',
          answer: () => ({ ok: true }),
        }
      })

      /** What the app logged: the capturing logger's lines, or what went to stderr. */
      const logged = (): string[] =>
        logger?.heard() ??
        stderr.mock.calls.flatMap(([chunk]) => String(chunk).split('\n').filter(Boolean))

      test('a wrong client secret -> 502, one error line with token_rejected, no secret anywhere', async () => {
        const { clientId, clientSecret } = harness.emulator.vendors.bridgeft
        const wrongSecret = `${clientSecret}-wrong`

        const response = await fetch(`${harness.app.url}/`, {
          headers: { 'x-request-id': 'req-42' },
        })
        const body = await response.text()

        expect(response.status).toBe(502)
        expect(JSON.parse(body)).toEqual({ error: 'token_rejected', message: 'Bad Gateway' })
        const lines = logged()
        expect(lines).toHaveLength(1)
        expect(lines[0]).toMatch(logger === undefined ? / ERROR \[vendor-token\] / : /^error /)
        for (const field of [
          '"code":"token_rejected"',
          '"vendor":"bridgeft"',
          '"status":502',
          '"requestId":"req-42"',
          '"oauthError":"invalid_client"',
        ]) {
          expect(lines[0]).toContain(field)
        }
        const everything = [
          body,
          JSON.stringify([...response.headers]),
          lines.join('\n'),
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
}
