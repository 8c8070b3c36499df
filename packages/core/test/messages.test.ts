import {
  ConfigurationError,
  clientCredentials,
  silentLogger,
  stderrLogger,
  TokenManager,
  UnknownVendorError,
} from '@vendor-token/core'
import { afterEach, describe, expect, it, vi } from 'vitest'

let manager: TokenManager | undefined

afterEach(async () => {
  vi.restoreAllMocks()
  await manager?.close()
  manager = undefined
})

describe('messages that say what to fix', () => {
  it.each([
    [{ skewSeconds: -1 }, 'skewSeconds is out of range: must be a number >= 0, got -1'],
    [
      { refreshAheadRatio: 1.5 },
      'refreshAheadRatio is out of range: must be a number > 0 and <= 1, got 1.5',
    ],
    [{ timeoutMs: 0 }, 'timeoutMs is out of range: must be a number > 0, got 0'],
    [
      { retry: { retries: 1.5 } },
      'retry.retries is out of range: must be an integer >= 0, got 1.5',
    ],
    [
      { skewSeconds: '60' as never },
      'skewSeconds is out of range: must be a number >= 0, got string',
    ],
  ])('an option out of range names the option, its range and the value: %j', (options, message) => {
    expect(() => new TokenManager(options)).toThrow(ConfigurationError)
    expect(() => new TokenManager(options)).toThrow(message)
  })

  it('an unknown vendor names itself and the registered ones', async () => {
    manager = new TokenManager({ logger: silentLogger })
    await expect(manager.getToken('nope')).rejects.toThrow(
      'no source is registered for vendor "nope" (none is registered yet)',
    )
    manager.register(
      'acme',
      clientCredentials({
        tokenUrl: 'https://idp.example/token',
        clientId: 'a',
        clientSecret: 's',
      }),
    )
    const error = await manager.getToken('nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnknownVendorError)
    expect(error).toMatchObject({
      code: 'unknown_vendor',
      vendor: 'nope',
      message: 'no source is registered for vendor "nope" (registered: "acme")',
    })
  })
})

describe('the default logger', () => {
  it('is stderrLogger: warn and error as one line each on stderr, debug and info silent', () => {
    const written = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    manager = new TokenManager()
    expect(manager.logger).toBe(stderrLogger)

    stderrLogger.debug('trace', { vendor: 'acme' })
    stderrLogger.info('fetched', { vendor: 'acme' })
    stderrLogger.warn('vendor token for acme unavailable', { code: 'timeout', status: 503 })
    stderrLogger.error('forged\nline', { error: new Error('boom'), big: 1n })

    const lines = written.mock.calls.map(([chunk]) => String(chunk))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z WARN \[vendor-token\] vendor token for acme unavailable \{"code":"timeout","status":503\}\n$/,
    )
    // A message cannot start a second line; errors and bigints still print.
    expect(lines[1]).toMatch(
      / ERROR \[vendor-token\] forged\\nline \{"error":"Error: boom","big":"1"\}\n$/,
    )
  })

  it('silentLogger opts out', () => {
    const written = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    manager = new TokenManager({ logger: silentLogger })
    manager.logger.error('nobody hears this')
    expect(written).not.toHaveBeenCalled()
  })
})
