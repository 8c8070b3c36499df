import type { Clock } from './types.js'

/**
 * The real clock. It reads `Date.now` and the timer globals at call time, so test tools that
 * replace them (vitest fake timers) apply to it.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

interface ManualTimer {
  readonly at: number
  readonly order: number
  readonly callback: () => void
}

/**
 * A clock that only moves when told to: for your tests and ours.
 *
 * @example
 * const clock = new ManualClock()
 * const manager = new TokenManager({ clock })
 * clock.advance(60_000) // fires every timer due within the next minute, in order
 */
export class ManualClock implements Clock {
  #now: number
  #order = 0
  readonly #timers = new Set<ManualTimer>()

  /** @param start ms since epoch the clock starts at (default: the real time now). */
  constructor(start: number = Date.now()) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.#now + Math.max(0, ms), order: this.#order++, callback }
    this.#timers.add(timer)
    return timer
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as ManualTimer)
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.#timers.size
  }

  /** When the next timer is due, if any. */
  nextTimerAt(): number | undefined {
    return this.#next()?.at
  }

  /** Moves time forward by `ms`, firing every timer due on the way (also ones set meanwhile). */
  advance(ms: number): void {
    const target = this.#now + ms
    for (
      let timer = this.#next();
      timer !== undefined && timer.at <= target;
      timer = this.#next()
    ) {
      this.#timers.delete(timer)
      this.#now = Math.max(this.#now, timer.at)
      timer.callback()
    }
    this.#now = Math.max(this.#now, target)
  }

  /**
   * Like `advance`, but lets pending promise callbacks and I/O run after each timer, so work a
   * timer starts (a retry after a backoff sleep) can schedule its own timers in time.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.#now + ms
    await settle()
    for (
      let timer = this.#next();
      timer !== undefined && timer.at <= target;
      timer = this.#next()
    ) {
      this.advance(timer.at - this.#now)
      await settle()
    }
    this.#now = Math.max(this.#now, target)
  }

  #next(): ManualTimer | undefined {
    let next: ManualTimer | undefined
    for (const timer of this.#timers) {
      if (
        next === undefined ||
        timer.at < next.at ||
        (timer.at === next.at && timer.order < next.order)
      ) {
        next = timer
      }
    }
    return next
  }
}

/** One turn of the event loop: queued promise callbacks run before it ends. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
