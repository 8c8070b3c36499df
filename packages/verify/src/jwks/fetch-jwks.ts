import type { JSONWebKeySet } from 'jose'
import { VerifyError } from '../errors.js'
import { readBodyLimited } from './read-body-limited.js'

/** A fetched key set and how long its server says it may be cached. */
export interface FetchedKeySet {
  jwks: JSONWebKeySet
  /** From `Cache-Control` (`max-age`; 0 for `no-cache`/`no-store`); undefined when absent. */
  maxAgeMs: number | undefined
}

/** Reads `max-age` (seconds) from a Cache-Control value, in ms. */
export function cacheControlMaxAgeMs(value: string | null): number | undefined {
  if (value === null) return undefined
  if (/(^|,)\s*(no-store|no-cache)\s*(,|$)/i.test(value)) return 0
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value)
  return match === null ? undefined : Number(match[1]) * 1000
}

const unavailable = (message: string, cause?: unknown): VerifyError =>
  new VerifyError('jwks_unavailable', message, cause === undefined ? undefined : { cause })

/**
 * GETs a JWKS with a timeout and a body size limit. Any failure (network, timeout, non-2xx, a body
 * over `maxBytes` however it is sent, a body that is not a JSON key set, such as an HTML error
 * page) is a `jwks_unavailable` VerifyError naming the endpoint's host, never its full URL.
 *
 * @example const { jwks, maxAgeMs } = await fetchJwks(url, { fetch, timeoutMs: 5000, maxBytes: 1 << 20, signal })
 */
export async function fetchJwks(
  url: URL,
  options: {
    fetch: typeof globalThis.fetch
    timeoutMs: number
    maxBytes: number
    signal: AbortSignal
  },
): Promise<FetchedKeySet> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
  let response: Response
  let text: string | undefined
  try {
    response = await options.fetch(url, { headers: { accept: 'application/json' }, signal })
    if (!response.ok) {
      await response.body?.cancel().catch(() => {})
      throw unavailable(`The JWKS endpoint ${url.host} answered HTTP ${response.status}`)
    }
    text = await readBodyLimited(response, options.maxBytes)
  } catch (error) {
    if (error instanceof VerifyError) throw error
    throw unavailable(`The JWKS request to ${url.host} failed`, error)
  }
  if (text === undefined) {
    throw unavailable(`The JWKS response of ${url.host} is larger than ${options.maxBytes} bytes`)
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw unavailable('The JWKS response is not JSON', error)
  }
  const keys = (body as { keys?: unknown } | null)?.keys
  if (!Array.isArray(keys)) throw unavailable('The JWKS response has no "keys" array')
  return {
    jwks: body as JSONWebKeySet,
    maxAgeMs: cacheControlMaxAgeMs(response.headers.get('cache-control')),
  }
}
