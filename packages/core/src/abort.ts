/** Small AbortSignal helpers: one waiter's cancellation, linked controllers. */

type AbortCallback = (reason: unknown) => void

/**
 * One real 'abort' listener per signal, fanned out to every subscriber. A manager's close
 * signal is watched by every fetch, retry sleep and waiter at once; with a listener each,
 * more than 10 would print MaxListenersExceededWarning (and look like a leak).
 */
const subscribers = new WeakMap<AbortSignal, Set<AbortCallback>>()

/**
 * Calls `callback` with the reason once `signal` aborts (never when it already has: check
 * `signal.aborted` first). Returns the unsubscribe function; call it when done.
 */
export function onAbort(signal: AbortSignal, callback: AbortCallback): () => void {
  let callbacks = subscribers.get(signal)
  if (callbacks === undefined) {
    const set = new Set<AbortCallback>()
    callbacks = set
    subscribers.set(signal, set)
    signal.addEventListener(
      'abort',
      () => {
        subscribers.delete(signal)
        for (const subscriber of set) subscriber(signal.reason)
      },
      { once: true },
    )
  }
  // A wrapper per subscription: the same callback may be subscribed twice.
  const subscription: AbortCallback = (reason) => callback(reason)
  const set = callbacks
  set.add(subscription)
  return () => set.delete(subscription)
}

/**
 * Waits for `promise`, but rejects with `signal.reason` as soon as `signal` aborts. Only this
 * wait ends: the promise itself (a fetch shared with other callers) goes on.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = onAbort(signal, reject)
    promise.then(
      (value) => {
        unsubscribe()
        resolve(value)
      },
      (error: unknown) => {
        unsubscribe()
        reject(error)
      },
    )
  })
}

/**
 * A controller that also aborts (with the same reason) when `parent` aborts. Call `dispose`
 * when done so the parent does not keep a subscriber for every request ever made.
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
  const dispose = onAbort(parent, (reason) => controller.abort(reason))
  return { controller, dispose }
}
