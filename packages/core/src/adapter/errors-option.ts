import { ConfigurationError } from '../errors.js'

/**
 * What a middleware does with a failure: `respond` answers it (RFC 6750 style status, headers and
 * a safe JSON body) and logs it; `next` hands the typed error to the framework (Express `next(err)`,
 * a rethrow in Koa) so the app's own error handling answers and logs it.
 */
export type ErrorsMode = 'respond' | 'next'

/**
 * Checks an `errors` option at mount time.
 *
 * @param value - the option as given (undefined means `respond`).
 * @param where - the middleware, for the message, e.g. `vendorToken()`.
 * @throws ConfigurationError naming the option and its allowed values.
 * @example
 * ```ts
 * errorsMode(options.errors, 'vendorToken()') // 'respond'
 * ```
 */
export function errorsMode(value: unknown, where: string, vendor?: string): ErrorsMode {
  if (value === undefined || value === 'respond') return 'respond'
  if (value === 'next') return 'next'
  throw new ConfigurationError(
    `${where}: option "errors" must be 'respond' or 'next', got ${describe(value)}`,
    vendor === undefined ? {} : { vendor },
  )
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value
}
