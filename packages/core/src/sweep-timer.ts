import type { Clock } from './types.js'

/**
 * A periodic sweep on a clock, armed only while there is something to sweep: `sweep` returns
 * whether anything is left. Real timers are unref'd, so a sweep never keeps a process alive;
 * on a ManualClock the test drives it with `advance`.
 */
export class SweepTimer {
  #handle: unknown
  #armed = false
  #stopped = false

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly sweep: () => boolean,
  ) {}

  /** Makes sure a sweep is scheduled. */
  arm(): void {
    if (this.#armed || this.#stopped) return
    this.#armed = true
    this.#handle = this.clock.setTimeout(() => {
      this.#armed = false
      if (this.sweep()) this.arm()
    }, this.intervalMs)
    ;(this.#handle as { unref?: () => void } | undefined)?.unref?.()
  }

  /** Cancels the scheduled sweep for good (close). */
  stop(): void {
    this.#stopped = true
    if (!this.#armed) return
    this.#armed = false
    this.clock.clearTimeout(this.#handle)
  }
}
