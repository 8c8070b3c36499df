/**
 * The emulator's one close signal is shared by every request; a listener per pending request
 * (a latency fault, a trickling body) would pass Node's 10-listener warning under load and
 * pile up on the signal. Instead each signal gets ONE listener, which runs the hooks of the
 * requests pending at close; a request removes its hook when it is done.
 */
const hooksBySignal = new WeakMap<AbortSignal, Set<() => void>>()

/**
 * Runs `hook` once when `signal` aborts (at once when it already has). Returns the function
 * that removes the hook; call it when the work it would cancel is over.
 */
export function onAbort(signal: AbortSignal, hook: () => void): () => void {
  if (signal.aborted) {
    hook()
    return () => {}
  }
  let hooks = hooksBySignal.get(signal)
  if (hooks === undefined) {
    const pending = new Set<() => void>()
    hooks = pending
    hooksBySignal.set(signal, pending)
    signal.addEventListener(
      'abort',
      () => {
        hooksBySignal.delete(signal)
        for (const pendingHook of pending) pendingHook()
        pending.clear()
      },
      { once: true },
    )
  }
  hooks.add(hook)
  const added = hooks
  return () => void added.delete(hook)
}

/** Waits `ms`; resolves false (at once) when `signal` aborts first. */
export function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      removeHook()
      resolve(true)
    }, ms)
    const removeHook = onAbort(signal, () => {
      clearTimeout(timer)
      resolve(false)
    })
  })
}
