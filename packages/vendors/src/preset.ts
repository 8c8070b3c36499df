import type { TokenSource } from '@vendor-token/core'

/** What a preset adds on top of the core source it wraps. */
export interface PresetExtras {
  /** The preset's name, shown by `toJSON` (e.g. `bridgeft`). */
  preset: string
  /** More public settings for `toJSON` (never a secret). */
  describe?: Record<string, unknown>
  /** The preset's own configuration checks (run before the core source's). */
  check(vendor: string, options: { allowInsecureHttp: boolean }): void
  /** The documented token lifetime, used when an answer carries neither expires_in nor exp. */
  defaultLifetimeSeconds?: number
  /** Replaces the core source's requestToken (e.g. to check the answer). */
  requestToken?: TokenSource['requestToken']
  /** Headers for the vendor's API calls through `manager.fetch` (the caller's own win). */
  apiHeaders?: Readonly<Record<string, string>>
}

/**
 * Wraps a core `clientCredentials` source so that `register` runs the preset's configuration
 * checks first (naming the preset's option, e.g. `baseUrl`, rather than the derived token URL).
 * Serialising the result shows the core source's public settings only, never the secret.
 */
export function withPresetChecks(
  source: TokenSource,
  extras: PresetExtras,
): TokenSource & { toJSON(): Record<string, unknown> } {
  const normalize = source.normalizeParams?.bind(source)
  const describe = (source as { toJSON?: () => Record<string, unknown> }).toJSON?.bind(source)
  return {
    kind: source.kind,
    defaultLifetimeSeconds: extras.defaultLifetimeSeconds ?? source.defaultLifetimeSeconds,
    ...(source.allowedTokenTypes === undefined
      ? {}
      : { allowedTokenTypes: source.allowedTokenTypes }),
    ...(source.sender === undefined ? {} : { sender: source.sender }),
    ...(extras.apiHeaders === undefined ? {} : { apiHeaders: extras.apiHeaders }),
    validate(vendor, options) {
      extras.check(vendor, options)
      source.validate?.(vendor, options)
    },
    ...(normalize === undefined ? {} : { normalizeParams: normalize }),
    requestToken: extras.requestToken ?? ((context) => source.requestToken(context)),
    toJSON: () => ({ preset: extras.preset, ...describe?.(), ...extras.describe }),
  }
}
