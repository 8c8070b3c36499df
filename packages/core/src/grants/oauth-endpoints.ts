import { discoverForVendor } from '../discovery.js'
import { DiscoveryError } from '../errors.js'
import type { SignInStepContext } from '../user-source.js'
import type { AuthorizationCodeEndpoints } from './authorization-code-options.js'
import { checkEndpointUrl } from './check-url.js'

/** The endpoints of an authorization-code provider, given or discovered. */
export interface OAuthEndpoints {
  authorization: string
  token: string
  revocation: string | undefined
  /** The issuer, when known (discovery): the callback's `iss` and the ID token's are checked against it. */
  issuer: string | undefined
  /** RFC 9207: the provider says every callback carries `iss`. */
  issInCallback: boolean
}

/**
 * The endpoints from `endpoints`, or from the issuer's discovery document (cached per issuer;
 * a failure is a retryable DiscoveryError). Every URL is checked like a configured one.
 * @throws DiscoveryError, ConfigurationError
 */
export async function resolveEndpoints(
  config: { issuer?: string | undefined; endpoints?: AuthorizationCodeEndpoints | undefined },
  context: SignInStepContext,
  allowInsecureHttp: boolean,
): Promise<OAuthEndpoints> {
  const { vendor } = context
  if (config.endpoints !== undefined) {
    const { authorization, token, revocation } = config.endpoints
    return { authorization, token, revocation, issuer: undefined, issInCallback: false }
  }
  const metadata = await discoverForVendor(config.issuer!, context)
  const check = (value: unknown, name: string) =>
    checkEndpointUrl(value, `discovered ${name}`, vendor, allowInsecureHttp).href
  if (typeof metadata.authorization_endpoint !== 'string') {
    throw new DiscoveryError('discovery document has no authorization_endpoint', { vendor })
  }
  const revocation = metadata.revocation_endpoint
  return {
    authorization: check(metadata.authorization_endpoint, 'authorization_endpoint'),
    token: check(metadata.token_endpoint, 'token_endpoint'),
    revocation:
      typeof revocation === 'string' ? check(revocation, 'revocation_endpoint') : undefined,
    issuer: metadata.issuer,
    issInCallback: metadata.authorization_response_iss_parameter_supported === true,
  }
}
