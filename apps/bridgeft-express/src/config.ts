import { type Loaded, orEmulator, readAllOrNone } from '@vendor-token/app-kit'
import { type Emulator, startEmulator } from '@vendor-token/emulator'

/** What the app needs to reach BridgeFT, the real API or the emulator. */
export interface BridgeftSettings {
  /** API base URL; the token endpoint is `<baseUrl>/v2/oauth2/token`. */
  baseUrl: string
  clientId: string
  clientSecret: string
}

/** Settings plus the emulator started for them, if any (the caller closes it). */
export type LoadedSettings = Loaded<BridgeftSettings, Emulator>

/** BridgeFT's production API, used when BRIDGEFT_BASE_URL is not set. */
export const DEFAULT_BASE_URL = 'https://api.bridgeft.com'

/**
 * Reads BRIDGEFT_BASE_URL, BRIDGEFT_CLIENT_ID and BRIDGEFT_CLIENT_SECRET.
 * Returns undefined when no credential is set (the caller then uses the emulator).
 * @throws ConfigurationError when only one of id and secret is set.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): BridgeftSettings | undefined {
  const vars = readAllOrNone(env, ['BRIDGEFT_CLIENT_ID', 'BRIDGEFT_CLIENT_SECRET'])
  if (vars === undefined) return undefined
  return {
    baseUrl: env.BRIDGEFT_BASE_URL || DEFAULT_BASE_URL,
    clientId: vars.BRIDGEFT_CLIENT_ID,
    clientSecret: vars.BRIDGEFT_CLIENT_SECRET,
  }
}

/** Real settings from the environment, or else an in-process emulator and its test credentials. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Promise<LoadedSettings> {
  return orEmulator(settingsFromEnv(env), startEmulator, (emulator) => {
    const { baseUrl, clientId, clientSecret } = emulator.vendors.bridgeft
    return { baseUrl, clientId, clientSecret }
  })
}
