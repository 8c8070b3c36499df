// Printable ASCII, bounded: a request id from a header must not forge log lines or flood them.
const SAFE_ID = /^[\x21-\x7e]{1,128}$/

/**
 * The request id to log with a failure: the framework's own id (`req.id`, set by e.g. pino-http)
 * when it has one, else the `x-request-id` header; only a short printable value is kept.
 *
 * @param id - the framework's request id, if any.
 * @param header - the `x-request-id` header, if any.
 * @example
 * ```ts
 * requestIdOf(req.id, req.get('x-request-id')) // 'b3f1c2'
 * ```
 */
export function requestIdOf(id: unknown, header: unknown): string | undefined {
  for (const value of [id, header]) {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value
    if (typeof text === 'string' && SAFE_ID.test(text)) return text
  }
  return undefined
}
