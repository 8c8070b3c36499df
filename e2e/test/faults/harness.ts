/**
 * Shared set-up of the fault suite: one emulator per file, a fresh manager per test with small
 * retry delays, and helpers to count the token requests the emulator saw.
 */
import {
  TokenManager,
  type TokenManagerOptions,
  type TokenParams,
  type TokenSource,
} from '@vendor-token/core'
import { type Emulator, startEmulator, type VendorName } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'

/** A vendor preset as the fault suite drives it. */
export interface PresetUnderTest {
  /** The emulator's vendor (and the name the preset is registered under). */
  vendor: VendorName
  /** Builds the preset against the emulator. */
  source(emulator: Emulator): TokenSource
  /** Params of the token under test (e.g. BridgeFT firm ids). */
  params?: TokenParams
  /** A protected resource of the vendor that accepts the token. */
  resourceUrl(emulator: Emulator): string
  /** Headers the resource needs besides Authorization. */
  resourceHeaders?: Record<string, string>
  /** Every value that must never show up in an error (client secret, password). */
  secrets(emulator: Emulator): string[]
}

/** Retries after the first attempt in every fault test: token requests stay <= 1 + RETRIES. */
export const RETRIES = 2
/** Per token request timeout in the fault tests (generous: a loaded 2-core machine is slow). */
export const TIMEOUT_MS = 1_500
/** Callers within this after a final failure share it. */
export const COOLDOWN_MS = 300

export const managerOptions: TokenManagerOptions = {
  retry: { retries: RETRIES, minDelayMs: 5, maxDelayMs: 50 },
  timeoutMs: TIMEOUT_MS,
  failureCooldownMs: COOLDOWN_MS,
  skewSeconds: 1,
}

/** What a test gets: the emulator, a manager with the preset registered, and counters. */
export interface FaultContext {
  emulator: Emulator
  manager: TokenManager
  /** Creates another manager (closed after the test) with the preset registered. */
  newManager(options?: TokenManagerOptions): TokenManager
  /** Token requests the emulator received for this vendor since the test began. */
  tokenRequests(): number
  getToken(manager?: TokenManager): ReturnType<TokenManager['getToken']>
  /** Calls the vendor's protected resource with `authorization`; returns the HTTP status. */
  callResource(authorization: string): Promise<number>
}

/** Registers the hooks and returns a context whose fields are valid inside tests. */
export function useFaultContext(preset: PresetUnderTest): FaultContext {
  let emulator: Emulator
  const managers: TokenManager[] = []
  const context: FaultContext = {
    get emulator() {
      return emulator
    },
    get manager() {
      return managers[0]!
    },
    newManager(options = {}) {
      const manager = new TokenManager({ ...managerOptions, ...options })
      manager.register(preset.vendor, preset.source(emulator))
      managers.push(manager)
      return manager
    },
    tokenRequests: () => emulator.stats(preset.vendor).tokenRequests,
    getToken: (manager = context.manager) => manager.getToken(preset.vendor, preset.params),
    async callResource(authorization) {
      const answer = await fetch(preset.resourceUrl(emulator), {
        headers: { ...preset.resourceHeaders, authorization },
      })
      await answer.body?.cancel()
      return answer.status
    },
  }
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
    await warmUp(emulator)
  })
  afterAll(async () => {
    await emulator?.close()
  })
  beforeEach(() => {
    emulator.clearFaults()
    emulator.resetStats()
    context.newManager()
  })
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((manager) => manager.close()))
  })
  return context
}

/**
 * The emulator's OpenID providers finish starting in the background; a first request can take
 * longer than the tests' timeout on a loaded machine. Waits for both to answer.
 */
export async function warmUp(emulator: Emulator): Promise<void> {
  const { apiture, wealthcom, bridgeft } = emulator.vendors
  const urls = [
    `${apiture.issuer}/.well-known/openid-configuration`,
    `${wealthcom.issuer}/.well-known/openid-configuration`,
    bridgeft.jwksUri,
    wealthcom.jwksUri,
  ]
  for (const url of urls) {
    const answer = await fetch(url)
    await answer.body?.cancel()
  }
}

/** Runs `promise`, expecting it to reject; returns the error (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection, got a value')
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
