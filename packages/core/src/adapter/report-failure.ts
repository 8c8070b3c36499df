import { VendorTokenError } from '../errors.js'
import type { Logger } from '../types.js'
import type { HttpAnswer } from './http-answer.js'

/**
 * Logs an error an adapter answered with 5xx: its safe JSON (code, status, vendor; never a cause
 * or a secret). 4xx answers are the caller's business and are not logged.
 *
 * @param logger - the adapter's `logger` option, if any.
 * @param message - what failed, e.g. `vendor token unavailable`.
 * @param error - the error that reached the request.
 * @param answer - what was sent, from `toHttpAnswer`.
 * @example
 * ```ts
 * reportFailure(logger, 'vendor token unavailable', error, answer)
 * ```
 */
export function reportFailure(
  logger: Pick<Logger, 'warn'> | undefined,
  message: string,
  error: unknown,
  answer: HttpAnswer,
): void {
  if (logger === undefined || answer.status < 500) return
  logger.warn(message, { status: answer.status, error: describe(error) })
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof VendorTokenError) return error.toJSON()
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    // Not one of ours (e.g. thrown by the app's own params callback): its message is the app's.
    return {
      name: error.name,
      code: typeof code === 'string' ? code : undefined,
      message: error.message,
    }
  }
  return { name: typeof error }
}
