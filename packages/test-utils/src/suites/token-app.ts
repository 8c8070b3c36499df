import { silentLogger, TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { bridgeft } from '@vendor-token/vendors'
import { afterEach, beforeEach } from 'vitest'
import type { AdapterUnderTest, TokenSourceUnderTest } from '../adapter.js'
import { listen, type RunningApp } from '../listen.js'

/** What a suite builds per test once the emulator is up: its manager and its app. */
export type TokenAppSetup = Omit<Parameters<AdapterUnderTest['tokenApp']>[0], 'manager'> & {
  /** The manager, with the suite's vendors registered; closed after each test. */
  manager: TokenManager
  /** What the middleware gets instead of the manager (a window on it), if not the manager. */
  source?: TokenSourceUnderTest
}

/** The running pieces of a test; read inside tests (the hooks fill it in). */
export interface TokenAppHarness {
  emulator: Emulator
  manager: TokenManager
  app: RunningApp
}

/**
 * Registers hooks that start an emulator, the suite's manager and the adapter's token app
 * before each test, and close all three after it.
 */
export function useTokenApp(
  adapter: AdapterUnderTest,
  build: (emulator: Emulator) => TokenAppSetup,
): TokenAppHarness {
  const harness = {} as TokenAppHarness

  beforeEach(async () => {
    harness.emulator = await startEmulator()
    const { manager, source, ...app } = build(harness.emulator)
    harness.manager = manager
    harness.app = await listen(adapter.tokenApp({ manager: source ?? manager, ...app }))
  })

  afterEach(async () => {
    await harness.app.close()
    await harness.manager.close()
    await harness.emulator.close()
  })

  return harness
}

/**
 * A manager with the emulator's BridgeFT registered as `bridgeft`; silent unless the suite
 * passes a `logger` (the default one would print the failures a suite provokes).
 */
export function bridgeftManager(
  emulator: Emulator,
  options?: ConstructorParameters<typeof TokenManager>[0],
): TokenManager {
  const manager = new TokenManager({ logger: silentLogger, ...options })
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  return manager
}
