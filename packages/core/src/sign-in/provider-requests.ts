import { type DpopKey, withDpopKey } from '../dpop/dpop-options.js'
import type { DpopSender } from '../dpop/dpop-sender.js'
import { withDpopProof } from '../dpop/token-request-proof.js'
import {
  AuthorizationCallbackError,
  ReauthenticationRequiredError,
  TokenRequestRejectedError,
} from '../errors.js'
import type { ClientAssertionSigner } from '../grants/client-assertion.js'
import {
  type ClientAuthMethod,
  type EncodedTokenRequest,
  encodeTokenRequest,
} from '../grants/client-auth.js'
import { mapOAuthResponse } from '../grants/map-response.js'
import type { TlsClientCertificate } from '../grants/tls-certificate.js'
import { readBodyLimited } from '../http/read-body.js'
import { postTokenRequest } from '../http/token-request.js'
import { decodeJwtPayload } from '../jwt-decode.js'
import type { Clock, TokenResponse } from '../types.js'
import type { AuthorizationCallback, SignInStepContext } from './user-source.js'

/**
 * The three requests a user source sends to its provider, each with the client's
 * authentication: the code exchange (sign-in), the refresh_token grant (refresh) and the
 * revocation (sign-out). None is retried here: a code is single use, and the manager retries a
 * refresh like any token request.
 */

/** How a client authenticates at the token and revocation endpoints. */
export interface OAuthClient {
  clientId: string
  /** Absent (and no `assertion` or `tls`): a public client, identified by `client_id` (RFC 6749 2.3, 3.2.1). */
  clientSecret?: string | undefined
  /** Confidential clients only. Default `basic`. */
  auth?: ClientAuthMethod | undefined
  /** `private_key_jwt`: signs a fresh assertion per request. */
  assertion?: ClientAssertionSigner | undefined
  /** RFC 8705: the TLS client certificate every request to the provider presents. */
  tls?: TlsClientCertificate | undefined
}

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

/** RFC 9449: the source's DPoP state and the key to bind to (the held tokens' key, else the source's). */
export interface GrantDpop {
  sender: DpopSender
  key: DpopKey
}

/** What a token endpoint request of a user source needs. */
interface GrantRequest {
  tokenUrl: string
  client: OAuthClient
  context: Pick<SignInStepContext, 'vendor' | 'fetch' | 'signal' | 'clock'>
  dpop?: GrantDpop | undefined
}

/**
 * Step 3 of the authorization code flow (RFC 6749 4.1.3, RFC 7636 4.5): checks the callback's
 * issuer, POSTs the code with the redirect URI, the PKCE verifier and the client's
 * authentication, and checks the ID token. Sent once, never retried (a code is single use),
 * except after a DPoP `use_dpop_nonce` answer, which the server gives before using the code.
 *
 * @throws AuthorizationCallbackError `issuer_mismatch`, `code_rejected` (invalid_grant: a used,
 *   expired or foreign code, or a wrong verifier), `id_token_invalid`; the typed token endpoint
 *   errors otherwise
 */
export async function postAuthorizationCode(
  callback: AuthorizationCallback,
  request: GrantRequest & { redirectUri: string; endpoints: OAuthEndpoints },
): Promise<TokenResponse> {
  const { vendor } = request.context
  const { client, endpoints } = request
  checkIssuer(callback.iss, endpoints, vendor)
  const fields = {
    grant_type: 'authorization_code',
    code: callback.code,
    redirect_uri: request.redirectUri,
    code_verifier: callback.verifier,
  }
  const answer = await postGrant(fields, request).catch((error: unknown) =>
    whenInvalidGrant(error, (cause) => {
      const message = 'the provider refused the authorization code (used, expired or not ours)'
      return new AuthorizationCallbackError(message, { vendor, reason: 'code_rejected', cause })
    }),
  )
  const mapped = mapOAuthResponse(answer.body)
  checkIdToken(mapped.idToken, {
    vendor,
    nonce: callback.nonce,
    issuer: endpoints.issuer,
    clientId: client.clientId,
  })
  return withDpopKey({ ...mapped, requestedAt: answer.sentAt }, request.dpop?.key)
}

/**
 * The refresh_token grant (RFC 6749 6). Rotation: a new refresh token in the answer replaces the
 * old one; an answer without one keeps the old (RFC 6749 6 lets the server do either).
 * `invalid_grant` (expired, revoked, or already used) means the user must sign in again: it is
 * a ReauthenticationRequiredError (a NotSignedInError: 401, not retried) with the provider's
 * answer as its `cause`.
 *
 * @throws ReauthenticationRequiredError, or the typed token endpoint errors
 */
export async function postRefreshToken(
  refreshToken: string,
  request: GrantRequest,
): Promise<TokenResponse> {
  const fields = { grant_type: 'refresh_token', refresh_token: refreshToken }
  const answer = await postGrant(fields, request).catch((error: unknown) =>
    whenInvalidGrant(error, (cause) => {
      const message =
        'the session ended (the provider refused the refresh token): the user must sign in again'
      return new ReauthenticationRequiredError(message, { vendor: request.context.vendor, cause })
    }),
  )
  const mapped = mapOAuthResponse(answer.body)
  const rotated = typeof mapped.refreshToken === 'string' && mapped.refreshToken !== ''
  const refreshed = {
    ...mapped,
    refreshToken: rotated ? mapped.refreshToken : refreshToken,
    requestedAt: answer.sentAt,
  }
  return withDpopKey(refreshed, request.dpop?.key)
}

/**
 * Revokes a token at an RFC 7009 revocation endpoint (with the client's authentication).
 * @returns true when the provider accepted it (HTTP 200)
 * @throws the fetch error (network, abort); the caller logs it without the token
 */
export async function postRevocation(
  url: string,
  token: string,
  hint: 'refresh_token' | 'access_token',
  client: OAuthClient,
  context: SignInStepContext,
): Promise<boolean> {
  const encoded = await encodeClientRequest(
    client,
    { token, token_type_hint: hint },
    { url, clock: context.clock },
  )
  const response = await context.fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', ...encoded.headers },
    body: encoded.body,
    signal: context.signal,
    redirect: 'manual', // never replay credentials to another URL
    ...(encoded.dispatcher === undefined ? {} : { dispatcher: encoded.dispatcher }),
  } as RequestInit)
  await readBodyLimited(response, 64 * 1024).catch(() => undefined)
  return response.status === 200
}

/** One grant POST to the token endpoint, with a DPoP proof when the source has DPoP. */
function postGrant(
  fields: Record<string, string>,
  request: GrantRequest,
): Promise<{ body: Record<string, unknown>; sentAt: number }> {
  const { tokenUrl: url, client, context, dpop } = request
  const proof = dpop === undefined ? undefined : { sender: dpop.sender, key: dpop.key.signing }
  return withDpopProof(proof, url, context.clock, async (dpopHeaders, onResponse) => {
    const encoded = await encodeClientRequest(client, fields, { url, clock: context.clock })
    return postTokenRequest({
      vendor: context.vendor,
      url,
      headers: { accept: 'application/json', ...encoded.headers, ...dpopHeaders },
      body: encoded.body,
      fetch: context.fetch,
      signal: context.signal,
      clock: context.clock,
      dispatcher: encoded.dispatcher,
      onResponse,
    })
  })
}

/** Rethrows `error`, as `refusal(error)` when the provider answered `invalid_grant`. */
function whenInvalidGrant(
  error: unknown,
  refusal: (cause: TokenRequestRejectedError) => Error,
): never {
  if (error instanceof TokenRequestRejectedError && error.oauthError === 'invalid_grant') {
    throw refusal(error)
  }
  throw error
}

/** A form request with the client's authentication, and the dispatcher that carries it. */
interface ClientRequest extends EncodedTokenRequest {
  /** The undici Agent presenting the client certificate, when the client has one. */
  dispatcher?: unknown
}

/**
 * A form request to `target.url` (token or revocation endpoint) with the client's
 * authentication; a `private_key_jwt` assertion is aimed at that URL (oidc-provider and RFC 7523
 * accept the endpoint's URL as `aud`) and dated by `target.clock`.
 */
async function encodeClientRequest(
  client: OAuthClient,
  fields: Record<string, string>,
  target: { url: string; clock: Clock },
): Promise<ClientRequest> {
  const dispatcher = await client.tls?.dispatcher()
  const confidential =
    client.clientSecret !== undefined || client.assertion !== undefined || client.tls !== undefined
  if (!confidential) {
    return {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, client_id: client.clientId }).toString(),
    }
  }
  const now = target.clock.now()
  const encoded = encodeTokenRequest(client.auth ?? 'basic', fields, client, {
    audience: target.url,
    now,
  })
  return dispatcher === undefined ? encoded : { ...encoded, dispatcher }
}

/** RFC 9207: the callback's `iss` must be our issuer (mix-up defence), and present if promised. */
function checkIssuer(iss: string | undefined, endpoints: OAuthEndpoints, vendor: string): void {
  if (endpoints.issuer === undefined) return
  if (iss === undefined ? endpoints.issInCallback : iss !== endpoints.issuer) {
    throw new AuthorizationCallbackError('the callback comes from another issuer', {
      vendor,
      reason: 'issuer_mismatch',
    })
  }
}

/**
 * Checks the ID token of a code exchange (OIDC Core 3.1.3.7): the nonce of this sign-in, our
 * client in `aud`, the issuer. Its signature is not checked: it came straight from the token
 * endpoint over TLS (3.1.3.7 step 6), and only the access token is used for API calls.
 *
 * @throws AuthorizationCallbackError `id_token_invalid` (the message never quotes the token)
 */
function checkIdToken(
  idToken: unknown,
  expected: {
    vendor: string
    nonce: string | undefined
    issuer: string | undefined
    clientId: string
  },
): void {
  if (idToken === undefined || idToken === null) return
  const fail = (why: string) =>
    new AuthorizationCallbackError(`the ID token ${why}`, {
      vendor: expected.vendor,
      reason: 'id_token_invalid',
    })
  const claims = typeof idToken === 'string' ? decodeJwtPayload(idToken) : undefined
  if (claims === undefined) throw fail('is not a JWT')
  if (expected.nonce !== undefined && claims.nonce !== expected.nonce) {
    throw fail('does not carry the nonce of this sign-in')
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  if (!audience.includes(expected.clientId)) throw fail('is not for this client')
  if (expected.issuer !== undefined && claims.iss !== expected.issuer) {
    throw fail('comes from another issuer')
  }
}
