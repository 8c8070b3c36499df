import { ConfigurationError } from '../errors.js'
import { stderrLogger } from '../logger.js'
import type { Logger } from '../types.js'
import { type ErrorsMode, errorsMode } from './errors-option.js'
import type { HttpAnswer } from './http-answer.js'
import { reportFailure } from './report-failure.js'

/** The failure options of every middleware (`vendorToken`, `requireBearer`, `signIn`). */
export interface FailureOptions {
  /**
   * `respond` (default): the middleware answers a failure (status, headers, safe JSON) and logs
   * it once. `next`: it hands the typed error (with `status`, `statusCode`, `expose`, `headers`)
   * to the framework, Express `next(err)` / a rethrow in Koa, and does not log it.
   */
  errors?: ErrorsMode
  /** Where failure lines go. Default: the manager's logger (`requireBearer`: stderr warn/error). */
  logger?: Logger
}

/** How one mounted middleware treats its failures. */
export interface FailureHandling {
  /** True with `errors: 'next'`: hand the error to the framework instead of answering. */
  readonly handOver: boolean
  /** Logs a failure the middleware answered, once (see `reportFailure`). */
  report(error: unknown, answer: HttpAnswer, requestId: string | undefined): void
}

/**
 * Reads a middleware's `errors` and `logger` options at mount time.
 *
 * @param where - the middleware, for messages, e.g. `vendorToken()`.
 * @param options - its options.
 * @param context - the failure line's `message`, the `vendor`, and the manager's logger if any.
 * @throws ConfigurationError for an unknown `errors` mode or a logger without the four methods.
 * @example
 * ```ts
 * const failures = createFailureHandling('vendorToken()', options, { message, vendor, logger: manager.logger })
 * if (failures.handOver) next(error)
 * else failures.report(error, answerError(res, error), requestId)
 * ```
 */
export function createFailureHandling(
  where: string,
  options: FailureOptions,
  context: { message: string; vendor?: string | undefined; logger?: Logger | undefined },
): FailureHandling {
  const { vendor, message } = context
  const handOver = errorsMode(options.errors, where, vendor) === 'next'
  const logger = options.logger ?? context.logger ?? stderrLogger
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    if (typeof logger?.[level] !== 'function') {
      throw new ConfigurationError(
        `${where}: option "logger" must have debug, info, warn and error methods`,
        vendor === undefined ? {} : { vendor },
      )
    }
  }
  return {
    handOver,
    report: (error, answer, requestId) =>
      reportFailure(logger, message, error, answer, { vendor, requestId }),
  }
}
