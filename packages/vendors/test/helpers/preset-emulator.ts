import { type ManualClock, TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'

/** What a preset test works with; the hooks `usePresetEmulator` installs fill it in. */
export interface PresetEmulator {
  emulator: Emulator
  manager: TokenManager
}

/**
 * The emulator (one per test file, issuing and checking expiry on `clock`) and a fresh
 * TokenManager per test on the same clock, with the preset `register` adds; the emulator's
 * stats and faults are reset before each test. An hour passes in a `clock.advance` call.
 */
export function usePresetEmulator(
  clock: ManualClock,
  register: (manager: TokenManager, emulator: Emulator) => void,
): PresetEmulator {
  const harness = {} as PresetEmulator
  beforeAll(async () => {
    harness.emulator = await startEmulator({ now: () => clock.now() })
  })
  afterAll(() => harness.emulator.close())
  beforeEach(() => {
    harness.emulator.resetStats()
    harness.emulator.clearFaults()
    harness.manager = new TokenManager({ clock })
    register(harness.manager, harness.emulator)
  })
  afterEach(() => harness.manager.close())
  return harness
}
