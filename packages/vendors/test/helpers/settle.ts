/** Lets pending I/O and promise callbacks run (a background refresh over loopback). */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A ManualClock start on a whole second, so JWT `exp` (seconds) and ms lifetimes line up. */
export function wholeSecondNow(): number {
  return Math.floor(Date.now() / 1000) * 1000
}
