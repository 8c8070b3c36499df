import type { errors, Provider } from 'oidc-provider'

/** What the emulator takes from oidc-provider. */
export interface OidcProviderModule {
  Provider: typeof Provider
  errors: typeof errors
}

let loading: Promise<OidcProviderModule> | undefined

/**
 * Imports oidc-provider once. Its import prints an "Unsupported runtime" warning on Node 20 (it
 * prefers 22); the project supports Node >= 20.19, so that one line is filtered out while the
 * module loads. Every other warning goes through.
 */
export function loadOidcProvider(): Promise<OidcProviderModule> {
  loading ??= (async () => {
    const warn = console.warn
    console.warn = (...args: unknown[]) => {
      if (String(args[0]).includes('oidc-provider WARNING: Unsupported runtime')) return
      warn(...args)
    }
    try {
      const module = await import('oidc-provider')
      return { Provider: module.default, errors: module.errors }
    } finally {
      console.warn = warn
    }
  })()
  return loading
}
