import { describe, expect, test } from 'vitest'
import { DEFAULT_PORT, parseCli } from '../src/cli.js'

describe('parseCli', () => {
  test('defaults: keep serving on the default port, error logs only', () => {
    expect(parseCli([])).toEqual({
      once: false,
      port: DEFAULT_PORT,
      logLevel: 'error',
      help: false,
    })
  })

  test('--once, --port and --log-level', () => {
    expect(parseCli(['--once', '--port', '0', '--log-level', 'debug'])).toEqual({
      once: true,
      port: 0,
      logLevel: 'debug',
      help: false,
    })
  })

  test('rejects a bad port, an unknown level and unknown options', () => {
    expect(() => parseCli(['--port', 'eighty'])).toThrow(/--port/)
    expect(() => parseCli(['--port', '70000'])).toThrow(/--port/)
    expect(() => parseCli(['--log-level', 'loud'])).toThrow(/--log-level/)
    expect(() => parseCli(['--verbose'])).toThrow()
  })
})
