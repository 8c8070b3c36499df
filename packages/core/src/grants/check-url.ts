import { ConfigurationError } from '../errors.js'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Checks a token or issuer URL: absolute, https (plain http only for loopback, or when
 * `allowInsecureHttp`: credentials must not cross a network in clear), no credentials in it.
 *
 * @throws ConfigurationError naming the option, never quoting a secret
 */
export function checkEndpointUrl(
  value: unknown,
  option: string,
  vendor: string,
  allowInsecureHttp: boolean,
): URL {
  const fail = (why: string) => new ConfigurationError(`${option} ${why}`, { vendor })
  if (typeof value !== 'string' || value === '') throw fail('must be a URL string')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw fail('is not a valid absolute URL')
  }
  if (url.username !== '' || url.password !== '') throw fail('must not contain credentials')
  if (url.protocol === 'https:') return url
  if (url.protocol !== 'http:') throw fail('must be an https URL')
  if (LOOPBACK_HOSTS.has(url.hostname) || allowInsecureHttp) return url
  throw fail('must be https (http is only allowed for loopback, or with allowInsecureHttp)')
}
