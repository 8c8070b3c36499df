import { abortable, childController } from './abort.js'
import { TokenRequestTimeoutError } from './errors.js'
import type { ResolvedOptions } from './options.js'
import type { SignInStepContext } from './user-source.js'

/**
 * Runs one network step of a sign-in (discovery, code exchange, revocation) with the manager's
 * per-request timeout, cancelled when the manager closes. Not retried: a code is single use.
 */
export async function runSignInStep<T>(
  options: ResolvedOptions,
  closed: AbortSignal,
  vendor: string,
  step: (context: SignInStepContext) => Promise<T>,
): Promise<T> {
  const { clock, timeoutMs, fetch, logger } = options
  const { controller, dispose } = childController(closed)
  const timer = clock.setTimeout(() => {
    const message = `sign-in request timed out after ${timeoutMs} ms`
    controller.abort(new TokenRequestTimeoutError(message, { vendor }))
  }, timeoutMs)
  try {
    const context = { vendor, fetch, signal: controller.signal, clock, logger }
    return await abortable(step(context), controller.signal)
  } finally {
    clock.clearTimeout(timer)
    dispose()
  }
}
