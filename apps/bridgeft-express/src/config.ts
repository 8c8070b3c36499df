import { ConfigurationError } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'

/** What the app needs to reach BridgeFT, the real API or the emulator. */
export interface BridgeftSettings {
  /** API base URL; the token endpoint is `<baseUrl>/v2/oauth2/token`. */
  baseUrl: string
  clientId: string
  clientSecret: string
}

/** Settings plus the emulator started for them, if any (the caller closes it). */
export interface LoadedSettings {
  settings: BridgeftSettings
  emulator: Emulator | undefined
}

/** BridgeFT's production API, used when BRIDGEFT_BASE_URL is not set. */
export const DEFAULT_BASE_URL = 'https://api.bridgeft.com'

/**
 * Reads BRIDGEFT_BASE_URL, BRIDGEFT_CLIENT_ID and BRIDGEFT_CLIENT_SECRET.
 * Returns undefined when no credential is set (the caller then uses the emulator).
 * @throws ConfigurationError when only one of id and secret is set.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): BridgeftSettings | undefined {
  const clientId = env.BRIDGEFT_CLIENT_ID
  const clientSecret = env.BRIDGEFT_CLIENT_SECRET
  if (!clientId && !clientSecret) return undefined
  if (!clientId || !clientSecret) {
    throw new ConfigurationError(
      'Set both BRIDGEFT_CLIENT_ID and BRIDGEFT_CLIENT_SECRET, or neither to use the emulator',
    )
  }
  return { baseUrl: env.BRIDGEFT_BASE_URL || DEFAULT_BASE_URL, clientId, clientSecret }
}

/** Real settings from the environment, or else an in-process emulator and its test credentials. */
export async function loadSettings(env: NodeJS.ProcessEnv = process.env): Promise<LoadedSettings> {
  const fromEnv = settingsFromEnv(env)
  if (fromEnv) return { settings: fromEnv, emulator: undefined }
  const emulator = await startEmulator()
  const { baseUrl, clientId, clientSecret } = emulator.vendors.bridgeft
  return { settings: { baseUrl, clientId, clientSecret }, emulator }
}
