import type { TokenSource } from '@vendor-token/core'
import { ConfigurationError } from '@vendor-token/core'
import { plainBasicCredentials } from './basic-header.js'
import { presetOptions, requireText } from './config.js'
import { rejectUnsupportedParams } from './params.js'

/** Wealth.com's Advisor API (`https://advisor-api.wealth.com/v1/clients/` in the doc). */
export const WEALTHCOM_API_BASE_URL = 'https://advisor-api.wealth.com'
/**
 * A Basic credential does not expire; the manager re-derives it (no request is made) once a
 * day, so a shared store never keeps it for long.
 */
export const WEALTHCOM_BASIC_LIFETIME_SECONDS = 86_400

export interface WealthcomBasicOptions {
  /** The Advisor API username (RFC 7617: must not contain a colon). */
  username: string
  password: string
}

/** RFC 7617 forbids control characters in user-id and password. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

/**
 * Wealth.com Advisor API Basic authentication ("header basic authentication value to
 * authenticate each request") through the TokenSource interface: no request is made; the token
 * is `base64(username:password)` (RFC 7617, UTF-8, NOT form-encoded as OAuth client
 * credentials are), `tokenType` is `Basic`, and `token.authorization` is `Basic …`.
 * @example
 * manager.register('wealthcom', wealthcom.basic({ username, password }))
 * await manager.fetch('wealthcom', `${WEALTHCOM_API_BASE_URL}/v1/clients/`)
 */
export function wealthcomBasic(options: WealthcomBasicOptions): TokenSource {
  const { username, password } = presetOptions(options, 'wealthcom.basic', '{ username, password }')
  return {
    kind: 'basic',
    // Core accepts only Bearer unless a source names other token types.
    allowedTokenTypes: ['Basic'],
    defaultLifetimeSeconds: WEALTHCOM_BASIC_LIFETIME_SECONDS,
    validate(vendor) {
      requireText(username, 'username', vendor)
      requireText(password, 'password', vendor)
      if (username.includes(':')) {
        throw new ConfigurationError(`username must not contain ":" (RFC 7617)`, {
          vendor,
        })
      }
      if (CONTROL_CHARACTERS.test(username) || CONTROL_CHARACTERS.test(password)) {
        throw new ConfigurationError(
          `username and password must not contain control characters (RFC 7617)`,
          { vendor },
        )
      }
    },
    normalizeParams(params, vendor) {
      rejectUnsupportedParams(params, [], vendor)
      return params
    },
    async requestToken() {
      return {
        accessToken: plainBasicCredentials(username, password),
        tokenType: 'Basic',
        expiresIn: WEALTHCOM_BASIC_LIFETIME_SECONDS,
      }
    },
  }
}
