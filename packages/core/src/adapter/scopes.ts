import { ConfigurationError } from '../errors.js'
import { isScopeToken } from '../params.js'

/**
 * The scopes a verified access token grants: the space-separated `scope` claim (RFC 8693 4.2,
 * RFC 9068) and the `scp` claim (an array, or a space-separated string), merged without repeats.
 *
 * @param payload - verified JWT claims.
 * @example
 * ```ts
 * grantedScopes({ scope: 'advisor:read clients:write' }) // ['advisor:read', 'clients:write']
 * ```
 */
export function grantedScopes(payload: Record<string, unknown>): string[] {
  const found = new Set<string>()
  const add = (claim: unknown): void => {
    if (typeof claim === 'string') {
      for (const scope of claim.split(' ')) if (scope !== '') found.add(scope)
    } else if (Array.isArray(claim)) {
      for (const scope of claim) if (typeof scope === 'string' && scope !== '') found.add(scope)
    }
  }
  add(payload.scope)
  add(payload.scp)
  return [...found]
}

/**
 * Normalises a `scopes` option (`'a b'` or `['a', 'b']`) to a list of scope tokens.
 *
 * @throws ConfigurationError when a scope is empty or has characters RFC 6749 does not allow.
 * @example
 * ```ts
 * requiredScopes('clients:read clients:write') // ['clients:read', 'clients:write']
 * ```
 */
export function requiredScopes(scopes: string | readonly string[] | undefined): string[] {
  if (scopes === undefined) return []
  const list = typeof scopes === 'string' ? scopes.split(' ').filter((s) => s !== '') : [...scopes]
  for (const scope of list) {
    if (!isScopeToken(scope)) {
      throw new ConfigurationError(`requireBearer(): invalid scope ${JSON.stringify(scope)}`)
    }
  }
  return list
}
