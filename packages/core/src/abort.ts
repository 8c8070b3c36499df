/** Small AbortSignal helpers: one waiter's cancellation, linked controllers. */

/**
 * Waits for `promise`, but rejects with `signal.reason` as soon as `signal` aborts. Only this
 * wait ends: the promise itself (a fetch shared with other callers) goes on.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/**
 * A controller that also aborts (with the same reason) when `parent` aborts. Call `dispose`
 * when done so the parent does not keep a listener for every request ever made.
 */
export function childController(parent: AbortSignal): {
  controller: AbortController
  dispose: () => void
} {
  const controller = new AbortController()
  if (parent.aborted) {
    controller.abort(parent.reason)
    return { controller, dispose: () => {} }
  }
  const onAbort = () => controller.abort(parent.reason)
  parent.addEventListener('abort', onAbort, { once: true })
  return { controller, dispose: () => parent.removeEventListener('abort', onAbort) }
}
