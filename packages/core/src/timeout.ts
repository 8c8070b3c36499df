import { abortable, childController } from './abort.js'
import { TokenRequestTimeoutError } from './errors.js'
import type { Clock } from './types.js'

/** What `withTimeout` needs: the clock its timer runs on, the limit, and words for the error. */
export interface TimeoutOptions {
  clock: Clock
  timeoutMs: number
  /** Aborts the run too, with its own reason (the manager's close signal). */
  parent: AbortSignal
  /** For the error: the vendor, and what timed out (`token request`, `sign-in request`). */
  vendor: string
  what: string
}

/**
 * Runs one request with a deadline: `run` gets a signal that aborts with a
 * TokenRequestTimeoutError after `timeoutMs` on the clock, or with the parent's reason when the
 * parent aborts. The wait ends then even if `run` ignores its signal. The timer and the parent
 * subscription end with the run, so nothing is left behind.
 *
 * @throws TokenRequestTimeoutError, the parent's reason, or what `run` throws
 */
export async function withTimeout<T>(
  run: (signal: AbortSignal) => Promise<T>,
  options: TimeoutOptions,
): Promise<T> {
  const { clock, timeoutMs, vendor, what } = options
  const { controller, dispose } = childController(options.parent)
  const timer = clock.setTimeout(() => {
    const message = `${what} timed out after ${timeoutMs} ms`
    controller.abort(new TokenRequestTimeoutError(message, { vendor }))
  }, timeoutMs)
  try {
    return await abortable(run(controller.signal), controller.signal)
  } finally {
    clock.clearTimeout(timer)
    dispose()
  }
}
