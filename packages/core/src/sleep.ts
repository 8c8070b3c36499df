import { onAbort } from './abort.js'
import type { Clock } from './types.js'

/**
 * Waits `ms` on `clock`. Rejects with `signal.reason` (and clears the timer) when `signal`
 * aborts, so a closed manager leaves no timer behind.
 */
export function sleep(ms: number, clock: Clock, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<void>((resolve, reject) => {
    const handle = clock.setTimeout(() => {
      unsubscribe()
      resolve()
    }, ms)
    const unsubscribe = onAbort(signal, (reason) => {
      clock.clearTimeout(handle)
      reject(reason)
    })
  })
}
