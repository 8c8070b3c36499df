import { ConfigurationError } from '@vendor-token/core'

/**
 * Reads a group of environment variables that go together (e.g. a vendor's base URL, client id
 * and secret). Returns undefined when none is set, so the caller can fall back to the emulator.
 * Only names are ever put in the error, never a value.
 * @throws ConfigurationError naming the missing ones when only some are set.
 * @example
 * const vars = readAllOrNone(env, ['ACME_BASE_URL', 'ACME_CLIENT_ID', 'ACME_CLIENT_SECRET'])
 * if (vars) return { baseUrl: vars.ACME_BASE_URL, ... }
 */
export function readAllOrNone<const Name extends string>(
  env: NodeJS.ProcessEnv,
  names: readonly Name[],
): Record<Name, string> | undefined {
  const missing = names.filter((name) => !env[name])
  if (missing.length === names.length) return undefined
  if (missing.length > 0) {
    throw new ConfigurationError(
      `Set ${missing.join(', ')} too, or none of them to use the emulator`,
    )
  }
  return Object.fromEntries(names.map((name) => [name, env[name]])) as Record<Name, string>
}
