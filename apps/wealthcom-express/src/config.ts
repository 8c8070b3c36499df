import { ConfigurationError } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'

/** What the app needs to reach the Wealth.com Advisor API, the real one or the emulator. */
export interface WealthcomSettings {
  /** Advisor API base URL; clients at `<baseUrl>/v1/clients`. */
  baseUrl: string
  /** Advisor API username and password (sent as a Basic credential). */
  username: string
  password: string
}

/** Settings plus the emulator started for them, if any (the caller closes it). */
export interface LoadedSettings {
  settings: WealthcomSettings
  emulator: Emulator | undefined
}

/** Wealth.com's production Advisor API, used when WEALTHCOM_BASE_URL is not set. */
export const DEFAULT_BASE_URL = 'https://advisor-api.wealth.com'

/**
 * Reads WEALTHCOM_BASE_URL, WEALTHCOM_USERNAME and WEALTHCOM_PASSWORD.
 * Returns undefined when no credential is set (the caller then uses the emulator).
 * @throws ConfigurationError when only one of username and password is set.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): WealthcomSettings | undefined {
  const username = env.WEALTHCOM_USERNAME
  const password = env.WEALTHCOM_PASSWORD
  if (!username && !password) return undefined
  if (!username || !password) {
    throw new ConfigurationError(
      'Set both WEALTHCOM_USERNAME and WEALTHCOM_PASSWORD, or neither to use the emulator',
    )
  }
  return { baseUrl: env.WEALTHCOM_BASE_URL || DEFAULT_BASE_URL, username, password }
}

/** Real settings from the environment, or else an in-process emulator and its test credentials. */
export async function loadSettings(env: NodeJS.ProcessEnv = process.env): Promise<LoadedSettings> {
  const fromEnv = settingsFromEnv(env)
  if (fromEnv) return { settings: fromEnv, emulator: undefined }
  const emulator = await startEmulator()
  const { baseUrl, username, password } = emulator.vendors.wealthcom
  return { settings: { baseUrl, username, password }, emulator }
}
