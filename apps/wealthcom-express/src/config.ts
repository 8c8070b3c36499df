import { type Loaded, orEmulator, readAllOrNone } from '@vendor-token/app-kit'
import { ConfigurationError } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { WEALTHCOM_ISSUER } from '@vendor-token/vendors'

/** Advisor sign-in (OAuth2 authorization code + PKCE) and the JWKS the app's own API trusts. */
export interface WealthcomSignInSettings {
  /** The authorization server; endpoints are discovered from it. */
  issuer: string
  clientId: string
  /** A confidential client's secret (this app runs server-side). */
  clientSecret?: string
  /** Default `['openid', 'email', 'offline_access']`. */
  scopes?: readonly string[]
  /** Default `<app URL>/auth/callback`; must be registered with the provider. */
  redirectUri?: string
  /** `aud` of advisor access tokens (the Advisor API), checked by the app's bearer routes. */
  audience: string
  /** The provider's key set, for verifying bearer tokens on the app's own API. */
  jwksUri: string
}

/** What the app needs to reach the Wealth.com Advisor API, the real one or the emulator. */
export interface WealthcomSettings {
  /** Advisor API base URL; clients at `<baseUrl>/v1/clients`. */
  baseUrl: string
  /** Advisor API username and password (sent as a Basic credential). */
  username: string
  password: string
  /** Advisor sign-in; without it the app has only the Basic-credential routes. */
  signIn?: WealthcomSignInSettings
}

/** Settings plus the emulator started for them, if any (the caller closes it). */
export type LoadedSettings = Loaded<WealthcomSettings, Emulator>

/** Wealth.com's production Advisor API, used when WEALTHCOM_BASE_URL is not set. */
export const DEFAULT_BASE_URL = 'https://advisor-api.wealth.com'

/**
 * Reads WEALTHCOM_BASE_URL, WEALTHCOM_USERNAME and WEALTHCOM_PASSWORD, and for advisor sign-in
 * WEALTHCOM_CLIENT_ID, WEALTHCOM_CLIENT_SECRET, WEALTHCOM_ISSUER, WEALTHCOM_REDIRECT_URI,
 * WEALTHCOM_AUDIENCE and WEALTHCOM_JWKS_URI. Returns undefined when no credential is set (the
 * caller then uses the emulator).
 * @throws ConfigurationError when only one of username and password is set, or sign-in is half set.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): WealthcomSettings | undefined {
  const vars = readAllOrNone(env, ['WEALTHCOM_USERNAME', 'WEALTHCOM_PASSWORD'])
  if (vars === undefined) return undefined
  const { WEALTHCOM_USERNAME: username, WEALTHCOM_PASSWORD: password } = vars
  const baseUrl = env.WEALTHCOM_BASE_URL || DEFAULT_BASE_URL
  const settings: WealthcomSettings = { baseUrl, username, password }
  if (env.WEALTHCOM_CLIENT_ID) {
    if (!env.WEALTHCOM_JWKS_URI) {
      throw new ConfigurationError('Advisor sign-in (WEALTHCOM_CLIENT_ID) needs WEALTHCOM_JWKS_URI')
    }
    settings.signIn = {
      issuer: env.WEALTHCOM_ISSUER || WEALTHCOM_ISSUER,
      clientId: env.WEALTHCOM_CLIENT_ID,
      audience: env.WEALTHCOM_AUDIENCE || baseUrl,
      jwksUri: env.WEALTHCOM_JWKS_URI,
      ...(env.WEALTHCOM_CLIENT_SECRET ? { clientSecret: env.WEALTHCOM_CLIENT_SECRET } : {}),
      ...(env.WEALTHCOM_REDIRECT_URI ? { redirectUri: env.WEALTHCOM_REDIRECT_URI } : {}),
    }
  }
  return settings
}

/** The emulator's Wealth.com Basic credential and its advisor sign-in (confidential client). */
export function emulatorSettings(emulator: Emulator): WealthcomSettings {
  const { baseUrl, username, password, issuer, clientId, clientSecret, audience, jwksUri } =
    emulator.vendors.wealthcom
  return {
    baseUrl,
    username,
    password,
    signIn: { issuer, clientId, clientSecret, audience, jwksUri },
  }
}

/** Real settings from the environment, or else an in-process emulator and its test credentials. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Promise<LoadedSettings> {
  return orEmulator(settingsFromEnv(env), startEmulator, emulatorSettings)
}
