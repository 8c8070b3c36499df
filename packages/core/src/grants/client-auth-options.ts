import { ConfigurationError } from '../errors.js'
import { ClientAssertionSigner } from './client-assertion.js'
import {
  type ClientAuthMethod,
  type ClientCredentialsMaterial,
  clientAuthMethods,
  secretMethods,
  tlsMethods,
} from './client-auth.js'
import type { PrivateKeyInput } from './signing-key.js'
import { TlsClientCertificate, type TlsClientOptions } from './tls-certificate.js'

/** The client authentication options every grant with a confidential client takes. */
export interface ClientAuthOptions {
  clientId: string
  /** Required by the secret methods (`basic`, `post`, `json`, `basic_and_post`). */
  clientSecret?: string | undefined
  auth?: ClientAuthMethod | undefined
  /** `private_key_jwt`: a KeyObject / CryptoKey (jose KeyLike), a private JWK, or PEM. */
  privateKey?: PrivateKeyInput | undefined
  /** `private_key_jwt`: the `kid` header of the assertion. */
  kid?: string | undefined
  /** `private_key_jwt`: default from the key (RSA -> RS256, EC P-256 -> ES256, Ed25519 -> EdDSA). */
  alg?: string | undefined
  /**
   * `private_key_jwt`: the assertion's `aud`. Default `token_endpoint` (its URL); `issuer` for
   * servers that want the issuer identifier (RFC 7523bis). oidc-provider accepts both.
   */
  assertionAudience?: 'token_endpoint' | 'issuer' | undefined
  /**
   * A TLS client certificate (RFC 8705): required by `tls_client_auth` and
   * `self_signed_tls_client_auth`; with any method, token requests and `manager.fetch` present
   * it (certificate-bound tokens).
   */
  tls?: TlsClientOptions | undefined
}

/** A client's checked authentication, ready for requests. */
export interface ClientAuth {
  method: ClientAuthMethod
  material: ClientCredentialsMaterial
  assertionAudience: 'token_endpoint' | 'issuer'
  tls: TlsClientCertificate | undefined
}

/**
 * Checks the options and prepares the client's authentication (the private key is imported
 * here, at `register`). Messages name the option, never quote a secret or a key.
 * @throws ConfigurationError
 */
export function createClientAuth(
  options: ClientAuthOptions,
  vendor: string,
  allowed: readonly ClientAuthMethod[] = clientAuthMethods,
): ClientAuth {
  const fail = (why: string) => new ConfigurationError(why, { vendor })
  const method = options.auth ?? 'basic'
  if (!allowed.includes(method)) throw fail(`auth must be one of ${allowed.join(', ')}`)
  const { clientId, clientSecret, tls } = options
  if (secretMethods.includes(method) && (typeof clientSecret !== 'string' || clientSecret === '')) {
    throw fail('clientSecret is required')
  }
  const audience = options.assertionAudience ?? 'token_endpoint'
  if (audience !== 'token_endpoint' && audience !== 'issuer') {
    throw fail("assertionAudience must be 'token_endpoint' or 'issuer'")
  }
  let assertion: ClientAssertionSigner | undefined
  if (method === 'private_key_jwt') {
    if (options.privateKey === undefined || options.privateKey === null) {
      throw fail("privateKey is required with auth: 'private_key_jwt'")
    }
    if (options.kid !== undefined && (typeof options.kid !== 'string' || options.kid === '')) {
      throw fail('kid must be a non-empty string')
    }
    try {
      const { privateKey, kid, alg } = options
      assertion = new ClientAssertionSigner(clientId, { privateKey, kid, alg })
    } catch (error) {
      throw fail((error as Error).message)
    }
  }
  if (tlsMethods.includes(method) && tls === undefined) {
    throw fail(`tls: { cert, key } is required with auth: '${method}'`)
  }
  if (tls !== undefined && (!isPem(tls?.cert) || !isPem(tls?.key))) {
    throw fail('tls.cert and tls.key must be PEM strings or Buffers')
  }
  return {
    method,
    material: { clientId, clientSecret, assertion },
    assertionAudience: audience,
    tls: tls === undefined ? undefined : new TlsClientCertificate(tls),
  }
}

/** Public settings of a client's authentication, for toJSON (never the secret or the key). */
export function describeClientAuth(
  auth: ClientAuth | undefined,
  options: ClientAuthOptions,
): Record<string, unknown> {
  const method = auth?.method ?? options.auth ?? 'basic'
  const described: Record<string, unknown> = { auth: method }
  if (method === 'private_key_jwt') {
    described.alg = auth?.material.assertion?.alg ?? options.alg
    described.kid = options.kid
  }
  if (options.tls !== undefined) described.tls = 'client certificate'
  return described
}

function isPem(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || Buffer.isBuffer(value)
}
