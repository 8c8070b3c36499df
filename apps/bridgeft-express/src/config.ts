import { type Loaded, orEmulator, readAllOrNone } from '@vendor-token/app-kit'
import { ConfigurationError } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'

/** What the app needs to reach BridgeFT, the real API or the emulator. */
export interface BridgeftSettings {
  /** API base URL; the token endpoint is `<baseUrl>/v2/oauth2/token`. */
  baseUrl: string
  clientId: string
  clientSecret: string
  /**
   * The firms this app may ask tokens for. Firm ids come from the request (`x-firm-ids`), so
   * without a list any client could make the app fetch and cache a token per made-up firm set.
   * Requests naming others are answered 400 before any token request; a request naming none
   * gets the token of these firms. Unset: any firm, and no ids means all firms.
   */
  allowedFirmIds?: readonly number[]
}

/** Settings plus the emulator started for them, if any (the caller closes it). */
export type LoadedSettings = Loaded<BridgeftSettings, Emulator>

/** The firms of the emulator's accounts: the allow-list when the app runs on the emulator. */
export const EMULATOR_FIRM_IDS: readonly number[] = [39, 792, 1001]

/** BridgeFT's production API, used when BRIDGEFT_BASE_URL is not set. */
export const DEFAULT_BASE_URL = 'https://api.bridgeft.com'

/**
 * Reads BRIDGEFT_BASE_URL, BRIDGEFT_CLIENT_ID, BRIDGEFT_CLIENT_SECRET and
 * BRIDGEFT_ALLOWED_FIRM_IDS (`39,792`). Returns undefined when no credential is set (the
 * caller then uses the emulator).
 * @throws ConfigurationError when only one of id and secret is set, or a firm id is not a
 *   positive integer.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): BridgeftSettings | undefined {
  const vars = readAllOrNone(env, ['BRIDGEFT_CLIENT_ID', 'BRIDGEFT_CLIENT_SECRET'])
  if (vars === undefined) return undefined
  const settings: BridgeftSettings = {
    baseUrl: env.BRIDGEFT_BASE_URL || DEFAULT_BASE_URL,
    clientId: vars.BRIDGEFT_CLIENT_ID,
    clientSecret: vars.BRIDGEFT_CLIENT_SECRET,
  }
  const allowed = env.BRIDGEFT_ALLOWED_FIRM_IDS
  if (allowed) settings.allowedFirmIds = parseFirmIdList(allowed, 'BRIDGEFT_ALLOWED_FIRM_IDS')
  return settings
}

/** `39, 792` -> [39, 792]. @throws ConfigurationError naming `name` */
export function parseFirmIdList(text: string, name: string): number[] {
  const parts = text.split(',').map((part) => part.trim())
  if (!parts.every((part) => /^[1-9]\d*$/.test(part) && Number.isSafeInteger(Number(part)))) {
    throw new ConfigurationError(`${name} must be a comma-separated list of positive integers`)
  }
  return parts.map(Number)
}

/** Real settings from the environment, or else an in-process emulator and its test credentials. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Promise<LoadedSettings> {
  return orEmulator(settingsFromEnv(env), startEmulator, (emulator) => {
    const { baseUrl, clientId, clientSecret } = emulator.vendors.bridgeft
    return { baseUrl, clientId, clientSecret, allowedFirmIds: EMULATOR_FIRM_IDS }
  })
}
