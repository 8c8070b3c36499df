import { type Loaded, orEmulator, readAllOrNone } from '@vendor-token/app-kit'
import { type Emulator, startEmulator } from '@vendor-token/emulator'

/** What the app needs to reach Apiture, the real API or the emulator. */
export interface ApitureSettings {
  /** OIDC issuer; the token endpoint is discovered from `<issuer>/.well-known/openid-configuration`. */
  issuer: string
  /** Banking API base URL; accounts at `<baseUrl>/banking/accounts`. */
  baseUrl: string
  clientId: string
  clientSecret: string
  /** Scopes asked for by default. Default `['banking/read']`. */
  scopes?: readonly string[]
}

/** Settings plus the emulator started for them, if any (the caller closes it). */
export type LoadedSettings = Loaded<ApitureSettings, Emulator>

/** Apiture's production issuer, used when APITURE_ISSUER is not set. */
export const DEFAULT_ISSUER = 'https://auth.apiture.com/oidc'

const REQUIRED = ['APITURE_BASE_URL', 'APITURE_CLIENT_ID', 'APITURE_CLIENT_SECRET'] as const

/**
 * Reads APITURE_BASE_URL, APITURE_CLIENT_ID, APITURE_CLIENT_SECRET, and optional APITURE_ISSUER
 * and APITURE_SCOPES (space-separated). Returns undefined when none of the required ones is set.
 * @throws ConfigurationError when only some are set.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): ApitureSettings | undefined {
  const vars = readAllOrNone(env, REQUIRED)
  if (vars === undefined) return undefined
  const scopes = (env.APITURE_SCOPES ?? '').split(/\s+/).filter(Boolean)
  return {
    issuer: env.APITURE_ISSUER || DEFAULT_ISSUER,
    baseUrl: vars.APITURE_BASE_URL,
    clientId: vars.APITURE_CLIENT_ID,
    clientSecret: vars.APITURE_CLIENT_SECRET,
    scopes: scopes.length > 0 ? scopes : ['banking/read'],
  }
}

/** Real settings from the environment, or else an in-process emulator and its test credentials. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Promise<LoadedSettings> {
  return orEmulator(settingsFromEnv(env), startEmulator, (emulator) => {
    const { issuer, baseUrl, clientId, clientSecret } = emulator.vendors.apiture
    return { issuer, baseUrl, clientId, clientSecret }
  })
}
