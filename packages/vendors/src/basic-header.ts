import { ConfigurationError } from '@vendor-token/core'

/**
 * `Basic base64(user + ':' + secret)` over the UTF-8 text exactly as given (RFC 7617), without
 * the form-urlencoding RFC 6749 2.3.1 adds for OAuth clients. Wealth.com's Advisor API and
 * Apiture's doc (base64 of the plain `client-id:client-secret` text, section Posting to the
 * token_endpoint) ask for this form.
 */
export function plainBasicCredentials(user: string, secret: string): string {
  return Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')
}

/**
 * Refuses a user part that plain Basic cannot carry: RFC 7617 section 2 ends the user-id at the
 * first colon, so a `:` in it would shift the rest into the secret.
 * @throws ConfigurationError naming `option`
 */
export function checkPlainBasicUser(value: string, option: string, vendor: string): void {
  if (value.includes(':')) {
    throw new ConfigurationError(
      `${option} must not contain ":" with plain Basic authentication (RFC 7617 section 2: the user part ends at the first colon)`,
      { vendor },
    )
  }
}
