import { ConfigurationError, type TokenSource } from '@vendor-token/core'
import { describe, expect, it } from 'vitest'
import { apiture, bridgeft, modelPortfolios, wealthcom } from '../src/index.js'

/** Each preset, called the way a hurried adopter might: with nothing at all. */
const PRESETS: [string, string, (options?: unknown) => TokenSource][] = [
  ['bridgeft', '{ clientId, clientSecret, baseUrl?, allowedFirmIds? }', bridgeft as never],
  ['modelPortfolios', '{ clientId, clientSecret, baseUrl, apiVersion? }', modelPortfolios as never],
  ['apiture', '{ clientId, clientSecret, issuer?, scopes?, auth? }', apiture as never],
  ['wealthcom.basic', '{ username, password }', wealthcom.basic as never],
  [
    'wealthcom.user',
    '{ clientId, issuer?, redirectUri, scopes, clientSecret? }',
    wealthcom.user as never,
  ],
]

describe('a preset without its options object', () => {
  it.each(PRESETS)(
    '%s() is a ConfigurationError naming the preset and its form',
    (name, form, preset) => {
      for (const [given, got] of [
        [undefined, 'undefined'],
        [null, 'null'],
        ['client-id', 'string'],
        [[], 'an array'],
      ] as const) {
        const call = () => preset(given)
        expect(call).toThrow(ConfigurationError)
        expect(call).toThrow(`${name}() needs an options object ${form}, got ${got}`)
      }
    },
  )
})
