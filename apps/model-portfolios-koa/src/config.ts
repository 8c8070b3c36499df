import { type Loaded, orEmulator, readAllOrNone } from '@vendor-token/app-kit'
import { type Emulator, startEmulator } from '@vendor-token/emulator'

/** What the app needs to reach the model-portfolio vendor, the real API or the emulator. */
export interface ModelPortfoliosSettings {
  /** API base URL; token at `<baseUrl>/oauth/token`, portfolios at `<baseUrl>/model-portfolios`. */
  baseUrl: string
  clientId: string
  clientSecret: string
  /** Sent as `Accept: application/json; version=<apiVersion>`. Default `1.0.0`. */
  apiVersion?: string
}

/** Settings plus the emulator started for them, if any (the caller closes it). */
export type LoadedSettings = Loaded<ModelPortfoliosSettings, Emulator>

const REQUIRED = [
  'MODEL_PORTFOLIOS_BASE_URL',
  'MODEL_PORTFOLIOS_CLIENT_ID',
  'MODEL_PORTFOLIOS_CLIENT_SECRET',
] as const

/**
 * Reads MODEL_PORTFOLIOS_BASE_URL, _CLIENT_ID, _CLIENT_SECRET and optional _API_VERSION.
 * Returns undefined when none of the required ones is set (the caller then uses the emulator).
 * @throws ConfigurationError when only some are set.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): ModelPortfoliosSettings | undefined {
  const vars = readAllOrNone(env, REQUIRED)
  if (vars === undefined) return undefined
  return {
    baseUrl: vars.MODEL_PORTFOLIOS_BASE_URL,
    clientId: vars.MODEL_PORTFOLIOS_CLIENT_ID,
    clientSecret: vars.MODEL_PORTFOLIOS_CLIENT_SECRET,
    apiVersion: env.MODEL_PORTFOLIOS_API_VERSION || '1.0.0',
  }
}

/** Real settings from the environment, or else an in-process emulator and its test credentials. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Promise<LoadedSettings> {
  return orEmulator(settingsFromEnv(env), startEmulator, (emulator) => {
    const { baseUrl, clientId, clientSecret } = emulator.vendors.modelPortfolios
    return { baseUrl, clientId, clientSecret }
  })
}
