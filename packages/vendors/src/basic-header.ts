/**
 * `Basic base64(user + ':' + secret)` over the UTF-8 text exactly as given (RFC 7617), without
 * the form-urlencoding RFC 6749 2.3.1 adds for OAuth clients. Wealth.com's Advisor API and
 * Apiture's doc ("a Base 64 encoding of the text client-id:client-secret") ask for this form.
 */
export function plainBasicCredentials(user: string, secret: string): string {
  return Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')
}
