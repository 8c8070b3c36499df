import { VendorTokenError } from '../errors.js'
import type { Logger } from '../types.js'
import type { HttpAnswer } from './http-answer.js'

/** What a failure line says besides the error: which vendor, which request. */
export interface FailureContext {
  vendor?: string | undefined
  requestId?: string | undefined
}

/** The level of a failure answered with `status`. */
export type FailureLevel = 'info' | 'warn' | 'error'

/**
 * How loud an answered failure is: a vendor that is down or slow (503, 504) is a `warn` (it
 * passes); anything else answered 5xx (rejected credentials, a bad token response,
 * configuration, a bug) is an `error` (someone must act); 4xx is the caller's business, `info`.
 */
export function failureLevel(status: number): FailureLevel {
  if (status < 500) return 'info'
  return status === 503 || status === 504 ? 'warn' : 'error'
}

const CODE = /^[A-Za-z0-9_.-]{1,64}$/

/**
 * Logs a failure a middleware answered, once, at {@link failureLevel}: `code`, `status`,
 * `vendor`, `requestId` (when known), the error's own safe fields (`httpStatus`, `oauthError`,
 * `reason`) and the code of its cause. Never a cause's message, a secret or a token.
 *
 * @param logger - the manager's logger, or the middleware's `logger` option.
 * @param message - what failed, e.g. `vendor token for bridgeft unavailable`.
 * @param error - the error that reached the request.
 * @param answer - what was sent, from `toHttpAnswer`.
 * @param context - the vendor and the request id.
 * @example
 * ```ts
 * reportFailure(logger, 'vendor token for bridgeft unavailable', error, answer, { requestId })
 * // logger.error('vendor token for bridgeft unavailable', { code: 'token_rejected', status: 502, vendor: 'bridgeft', ... })
 * ```
 */
export function reportFailure(
  logger: Logger,
  message: string,
  error: unknown,
  answer: HttpAnswer,
  context: FailureContext = {},
): void {
  logger[failureLevel(answer.status)](message, failureFields(error, answer, context))
}

function failureFields(
  error: unknown,
  answer: HttpAnswer,
  context: FailureContext,
): Record<string, unknown> {
  const fields: Record<string, unknown> = { code: answer.body.error, status: answer.status }
  const vendor = context.vendor ?? (error instanceof VendorTokenError ? error.vendor : undefined)
  if (vendor !== undefined) fields.vendor = vendor
  if (context.requestId !== undefined) fields.requestId = context.requestId
  if (error instanceof VendorTokenError) {
    const { name, message, httpStatus, oauthError, reason } = error.toJSON()
    Object.assign(fields, defined({ error: name, message, httpStatus, oauthError, reason }))
    const causeCode = (error.cause as { code?: unknown } | undefined)?.code
    if (typeof causeCode === 'string' && CODE.test(causeCode)) fields.cause = causeCode
  } else if (error instanceof Error) {
    // Not one of ours (e.g. thrown by the app's own params callback): its message is the app's.
    fields.error = error.name
    fields.message = error.message
  }
  return fields
}

function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
}
