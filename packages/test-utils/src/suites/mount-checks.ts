import {
  ConfigurationError,
  silentLogger,
  TokenManager,
  UnknownVendorError,
} from '@vendor-token/core'
import { bridgeft } from '@vendor-token/vendors'
import type { Verifier } from '@vendor-token/verify'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'

/** What the middleware refuses when it is mounted, before any request. */
export function describeMountChecks(adapter: AdapterUnderTest): void {
  describe(`mount-time checks (${adapter.name})`, () => {
    let manager: TokenManager

    beforeEach(() => {
      manager = new TokenManager({ logger: silentLogger })
      manager.register(
        'bridgeft',
        bridgeft({ baseUrl: 'http://127.0.0.1:9', clientId: 'app', clientSecret: 'never-sent' }),
      )
    })
    afterEach(() => manager.close())

    test('an unknown vendor throws UnknownVendorError naming it and the registered ones', () => {
      for (const mount of [
        () => adapter.vendorToken(manager, 'nope', {}),
        () => adapter.signIn(manager, 'nope', { userKey: () => 'u' }),
      ]) {
        expect(mount).toThrow(UnknownVendorError)
        expect(mount).toThrow('no source is registered for vendor "nope" (registered: "bridgeft")')
      }
      expect(() => adapter.vendorToken(manager, 'bridgeft', {})).not.toThrow()
    })

    test('errors must be respond or next, and the message says so', () => {
      const verifier = { verify: async () => ({ payload: {} }) } as unknown as Verifier
      for (const mount of [
        () => adapter.vendorToken(manager, 'bridgeft', { errors: 'throw' }),
        () => adapter.requireBearer(verifier, { errors: 'throw' }),
        () => adapter.signIn(manager, 'bridgeft', { userKey: () => 'u', errors: 'throw' }),
      ]) {
        expect(mount).toThrow(ConfigurationError)
        expect(mount).toThrow(`option "errors" must be 'respond' or 'next', got "throw"`)
      }
      expect(() => adapter.vendorToken(manager, 'bridgeft', { errors: 'next' })).not.toThrow()
    })

    test('a logger without the four methods is refused, naming the option', () => {
      expect(() => adapter.vendorToken(manager, 'bridgeft', { logger: { warn() {} } })).toThrow(
        'option "logger" must have debug, info, warn and error methods',
      )
    })
  })
}
