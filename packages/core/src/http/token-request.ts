import {
  InvalidTokenResponseError,
  TokenEndpointUnavailableError,
  TokenRequestRejectedError,
  TokenRequestTimeoutError,
  VendorTokenError,
} from '../errors.js'
import { parseRetryAfter } from '../retry.js'
import type { Clock } from '../types.js'
import { readBodyLimited } from './read-body.js'

/** One POST to a token endpoint. */
export interface TokenHttpRequest {
  vendor: string
  url: string
  headers: Record<string, string>
  body: string
  fetch: typeof globalThis.fetch
  /** Aborts on the manager's timeout (reason: TokenRequestTimeoutError) and on close(). */
  signal: AbortSignal
  clock: Clock
  /** An undici dispatcher, e.g. the Agent presenting a TLS client certificate (RFC 8705). */
  dispatcher?: unknown
  /** Sees every answer before it is read (e.g. to keep a DPoP-Nonce header). */
  onResponse?: (response: Response) => void
}

/** RFC 6749 5.2 error codes are printable ASCII without `"` and `\`: safe to put in a message. */
const OAUTH_ERROR = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/

/**
 * POSTs a token request and returns the parsed JSON answer with the time the request was sent.
 * Classifies failures: network, timeout, 5xx, 408 and 429 -> TokenEndpointUnavailableError
 * (transient); other 4xx -> TokenRequestRejectedError (never retried); a 2xx that is not a JSON
 * object or passes 1 MB -> InvalidTokenResponseError. Messages never quote the body.
 */
export async function postTokenRequest(
  request: TokenHttpRequest,
): Promise<{ body: Record<string, unknown>; sentAt: number }> {
  const { vendor, signal } = request
  const sentAt = request.clock.now()
  let response: Response
  let text: string | undefined
  try {
    response = await request.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'manual', // never replay credentials to another URL
      ...(request.dispatcher === undefined ? {} : { dispatcher: request.dispatcher }),
    } as RequestInit)
    request.onResponse?.(response)
    text = await readBodyLimited(response)
  } catch (error) {
    throw transportError(error, signal, vendor)
  }
  const { status } = response
  if (status >= 200 && status < 300)
    return { body: parseJsonObject(response, text, vendor), sentAt }
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), request.clock.now())
    throw new TokenEndpointUnavailableError(`token endpoint answered HTTP ${status}`, {
      vendor,
      httpStatus: status,
      retryAfterMs,
    })
  }
  if (status >= 300 && status < 400) {
    throw new InvalidTokenResponseError(`token endpoint redirected (HTTP ${status})`, { vendor })
  }
  const oauthError = readOAuthError(text)
  throw new TokenRequestRejectedError(
    `token endpoint rejected the request: HTTP ${status}${oauthError ? ` ${oauthError}` : ''}`,
    { vendor, httpStatus: status, oauthError },
  )
}

function transportError(error: unknown, signal: AbortSignal, vendor: string): Error {
  if (signal.aborted) {
    // Our own reasons (timeout, manager closed) are already typed.
    if (signal.reason instanceof VendorTokenError) return signal.reason
    return new TokenRequestTimeoutError('token request aborted', { vendor, cause: error })
  }
  return new TokenEndpointUnavailableError('token endpoint unreachable', { vendor, cause: error })
}

function parseJsonObject(
  response: Response,
  text: string | undefined,
  vendor: string,
): Record<string, unknown> {
  const fail = (what: string) =>
    new InvalidTokenResponseError(`token endpoint answer ${what}`, { vendor })
  if (text === undefined) throw fail('is larger than 1 MB')
  const type = response.headers.get('content-type') ?? ''
  if (/html/i.test(type) || /^\s*</.test(text)) throw fail('is an HTML page, not JSON')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw fail('is not JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fail('is not a JSON object')
  }
  return body as Record<string, unknown>
}

function readOAuthError(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error
    return typeof error === 'string' && OAUTH_ERROR.test(error) ? error : undefined
  } catch {
    return undefined
  }
}
