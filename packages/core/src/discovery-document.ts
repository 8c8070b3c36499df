import { DiscoveryError, VendorTokenError } from './errors.js'
import { readBodyLimited } from './http/read-body.js'

/** Authorization server metadata (RFC 8414 / OpenID Connect Discovery 1.0); only what we use is typed. */
export interface AuthorizationServerMetadata {
  issuer: string
  token_endpoint: string
  authorization_endpoint?: string
  jwks_uri?: string
  [field: string]: unknown
}

/**
 * Fetches and checks the metadata document of `issuer`: OpenID Connect first, then RFC 8414.
 * @throws DiscoveryError, or the signal's own reason (timeout, close)
 */
export async function fetchMetadata(
  issuer: string,
  fetch: typeof globalThis.fetch,
  signal: AbortSignal | undefined,
): Promise<AuthorizationServerMetadata> {
  let lastStatus: number | undefined
  for (const url of wellKnownUrls(issuer)) {
    let response: Response
    let text: string | undefined
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal,
        redirect: 'error',
      })
      text = await readBodyLimited(response)
    } catch (error) {
      if (signal?.aborted && signal.reason instanceof VendorTokenError) throw signal.reason
      throw new DiscoveryError('discovery endpoint unreachable', { cause: error })
    }
    lastStatus = response.status
    if (response.status === 404) continue
    if (!response.ok)
      throw new DiscoveryError(`discovery answered HTTP ${response.status}`, {
        httpStatus: response.status,
      })
    return checkMetadata(issuer, text)
  }
  throw new DiscoveryError('no discovery document found', { httpStatus: lastStatus })
}

function checkMetadata(issuer: string, text: string | undefined): AuthorizationServerMetadata {
  let metadata: Partial<AuthorizationServerMetadata>
  try {
    metadata = JSON.parse(text ?? '') as Partial<AuthorizationServerMetadata>
  } catch {
    throw new DiscoveryError('discovery document is not JSON')
  }
  const same = (a: unknown) =>
    typeof a === 'string' && a.replace(/\/$/, '') === issuer.replace(/\/$/, '')
  // RFC 8414 3.3: the issuer must be the one asked for (stops a mix-up with another server).
  if (!same(metadata?.issuer)) throw new DiscoveryError('discovery document names another issuer')
  if (typeof metadata.token_endpoint !== 'string')
    throw new DiscoveryError('discovery document has no token_endpoint')
  return metadata as AuthorizationServerMetadata
}

function wellKnownUrls(issuer: string): string[] {
  const url = new URL(issuer)
  const path = url.pathname.replace(/\/$/, '')
  return [
    `${url.origin}${path}/.well-known/openid-configuration`,
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
  ]
}
