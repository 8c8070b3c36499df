import { ConfigurationError } from '@vendor-token/core'

/** Hosts that may be reached over plain http (tests, the emulator, a local proxy). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Throws a ConfigurationError naming `option` unless `value` is a non-empty string.
 * The message names the option, never its value (it may be a secret).
 */
export function requireText(value: unknown, option: string, vendor: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`${option} is required (a non-empty string)`, {
      vendor,
    })
  }
  return value
}

/**
 * Checks a base URL or issuer: absolute, http(s), no query or fragment, and https unless the
 * host is loopback or `allowInsecureHttp` is set.
 */
export function checkBaseUrl(
  value: unknown,
  option: string,
  vendor: string,
  allowInsecureHttp: boolean,
): void {
  const text = requireText(value, option, vendor)
  let url: URL
  try {
    url = new URL(text)
  } catch (cause) {
    throw new ConfigurationError(`${option} is not an absolute URL`, { vendor, cause })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`${option} must be an http(s) URL`, { vendor })
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigurationError(`${option} must not carry a query, fragment or credentials`, {
      vendor,
    })
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new ConfigurationError(
      `${option} must use https (set allowInsecureHttp on the manager to override)`,
      { vendor },
    )
  }
}

/** `base` + `path` with exactly one slash between them (`base` may end in `/`). */
export function joinUrl(base: string, path: string): string {
  return `${typeof base === 'string' ? base.replace(/\/+$/, '') : ''}${path}`
}

/**
 * A preset's options object, checked before it is destructured: `bridgeft()` with nothing (or a
 * string, or null) is a ConfigurationError naming the preset and the form it takes, not a
 * `TypeError: Cannot destructure`. The fields themselves are checked at `register`.
 *
 * @param options - what the preset was called with.
 * @param preset - its name as called, e.g. `bridgeft` or `wealthcom.user`.
 * @param form - the options it takes, e.g. `{ clientId, clientSecret, baseUrl? }`.
 * @example
 * ```ts
 * const { clientId } = presetOptions(options, 'bridgeft', '{ clientId, clientSecret, baseUrl? }')
 * ```
 */
export function presetOptions<T>(options: T, preset: string, form: string): T {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    const got = options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options
    throw new ConfigurationError(`${preset}() needs an options object ${form}, got ${got}`)
  }
  return options
}
