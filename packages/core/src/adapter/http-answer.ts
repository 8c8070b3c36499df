import { STATUS_CODES } from 'node:http'
import { VendorTokenError } from '../errors.js'

/** What an adapter sends when an error reaches a request: status, headers and a small JSON body. */
export interface HttpAnswer {
  status: number
  /** Lower-case header names, e.g. `retry-after`, `www-authenticate`. */
  headers: Record<string, string>
  body: { error: string; message: string }
}

/** An error that says how to answer: ours, or any with the same shape (e.g. @vendor-token/verify's). */
interface StructuredError {
  status: number
  code?: unknown
  headers?: unknown
}

const CODE = /^[A-Za-z0-9_.-]{1,64}$/
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * Turns any error into a safe HTTP answer, using only the status and headers the error carries
 * (no mapping table). The body holds the error's stable `code` and, for 4xx answers of our own
 * errors, its message (written to be shown); 5xx answers get the generic status text. Never a
 * cause, a stack, a secret or a token. Unknown errors become 500 `internal_error`.
 *
 * @param error - whatever was thrown or rejected.
 * @example
 * ```ts
 * const { status, headers, body } = toHttpAnswer(error) // 503, { 'retry-after': '5' }, { error: 'endpoint_unavailable', ... }
 * ```
 */
export function toHttpAnswer(error: unknown): HttpAnswer {
  if (!isStructured(error)) {
    return { status: 500, headers: {}, body: { error: 'internal_error', message: statusText(500) } }
  }
  const { status } = error
  const code = typeof error.code === 'string' && CODE.test(error.code) ? error.code : 'error'
  const message =
    status < 500 && error instanceof VendorTokenError ? error.message : statusText(status)
  return { status, headers: safeHeaders(error.headers), body: { error: code, message } }
}

function isStructured(error: unknown): error is StructuredError {
  if (typeof error !== 'object' || error === null) return false
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599
}

function safeHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (typeof headers !== 'object' || headers === null) return out
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) continue
    if (typeof value === 'string' || typeof value === 'number')
      out[name.toLowerCase()] = String(value)
  }
  return out
}

function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Error'
}
