import { describe, expect, it } from 'vitest'
import { ManualClock } from '../src/index.js'

describe('ManualClock', () => {
  it('moves only when advanced and fires due timers in order, including ones set meanwhile', () => {
    const clock = new ManualClock(1_000)
    const fired: string[] = []
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200)
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`)
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 50)
    }, 100)
    const cancelled = clock.setTimeout(() => fired.push('never'), 150)
    clock.clearTimeout(cancelled)
    expect(clock.now()).toBe(1_000)
    clock.advance(199)
    expect(fired).toEqual(['a@1100', 'c@1150'])
    expect(clock.now()).toBe(1_199)
    expect(clock.pendingTimers).toBe(1)
    expect(clock.nextTimerAt()).toBe(1_200)
    clock.advance(1)
    expect(fired).toEqual(['a@1100', 'c@1150', 'b@1200'])
    expect(clock.pendingTimers).toBe(0)
  })

  it('advanceAsync lets promise callbacks run between timers', async () => {
    const clock = new ManualClock(0)
    const order: number[] = []
    const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms))
    const chain = (async () => {
      await wait(10)
      order.push(clock.now())
      await wait(10)
      order.push(clock.now())
    })()
    await clock.advanceAsync(20)
    await chain
    expect(order).toEqual([10, 20])
  })
})
