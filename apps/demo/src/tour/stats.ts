import type { Emulator, VendorName } from '@vendor-token/emulator'

/** The emulator counters the tour reports. */
export interface Counts {
  tokenRequests: number
  resourceRequests: number
  rejectedExpired: number
}

/** The emulator's own counters for one vendor (what really reached the "vendor"). */
export function countsOf(emulator: Emulator, vendor: VendorName): Counts {
  const stats = emulator.stats(vendor)
  return {
    tokenRequests: stats.tokenRequests,
    resourceRequests: stats.resourceRequests,
    rejectedExpired: stats.rejectedExpired,
  }
}

/** Runs `action` and returns its result with how much each counter grew meanwhile. */
export async function measure<T>(
  emulator: Emulator,
  vendor: VendorName,
  action: () => Promise<T>,
): Promise<{ result: T; delta: Counts }> {
  const before = countsOf(emulator, vendor)
  const result = await action()
  const after = countsOf(emulator, vendor)
  return {
    result,
    delta: {
      tokenRequests: after.tokenRequests - before.tokenRequests,
      resourceRequests: after.resourceRequests - before.resourceRequests,
      rejectedExpired: after.rejectedExpired - before.rejectedExpired,
    },
  }
}

/** `1 token request` / `3 token requests` (or the given plural form). */
export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`
}
