import { createHash, randomBytes, X509Certificate } from 'node:crypto'
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  EmbeddedJWK,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
} from 'jose'

/** Options of {@link startProtectedResource}. */
export interface ProtectedResourceOptions {
  /** The authorization server whose RFC 9068 JWT access tokens are accepted. */
  issuer: string
  /** Where its JWKS is, or (for an HTTPS issuer under a test CA) the JWKS itself. */
  jwks: string | JSONWebKeySet
  /** The resource's identifier: the tokens' `aud`. */
  audience: string
  /** RFC 9449 9: demand a nonce this server issued in every DPoP proof. */
  dpopNonce?: boolean
  /** RFC 8705 3: serve over HTTPS and check `cnf.x5t#S256` against the client certificate. */
  tls?: { cert: string; key: string }
}

/** What the resource server decided for one request. */
export interface ResourceDecision {
  status: number
  reason: string
}

/**
 * A small resource server that checks sender-constrained tokens as RFC 9449 7.1 / 9 and
 * RFC 8705 3 describe: the JWT access token against the issuer's JWKS, then for a DPoP token
 * the proof (signature by its embedded key, `typ`, `htm`, `htu`, `ath`, its key's thumbprint
 * equal to `cnf.jkt`, and a nonce when demanded), for a certificate-bound token the SHA-256
 * thumbprint of the TLS client certificate equal to `cnf.x5t#S256`. Answers 200 or 401 with
 * a `WWW-Authenticate` challenge.
 */
export async function startProtectedResource(options: ProtectedResourceOptions) {
  const jwks =
    typeof options.jwks === 'string'
      ? createRemoteJWKSet(new URL(options.jwks))
      : createLocalJWKSet(options.jwks)
  const nonces = new Set<string>()
  const decisions: ResourceDecision[] = []
  const handler = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    req.resume()
    check(req)
      .catch((error: Error) => ({ status: 401, reason: error.message, headers: {} }))
      .then(({ status, reason, headers }) => {
        decisions.push({ status, reason })
        res.writeHead(status, { 'content-type': 'application/json', ...headers })
        res.end(JSON.stringify({ status, reason }))
      })
  }
  const server: Server = options.tls
    ? createHttpsServer({ ...options.tls, requestCert: true, rejectUnauthorized: false }, handler)
    : createHttpServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`

  async function check(req: IncomingMessage) {
    const [scheme, accessToken] = (req.headers.authorization ?? '').split(' ')
    const { payload } = await jwtVerify(accessToken ?? '', jwks, {
      issuer: options.issuer,
      audience: options.audience,
      typ: 'at+jwt',
    })
    const cnf = (payload.cnf ?? {}) as Record<string, string>
    if (cnf['x5t#S256'] !== undefined) checkCertificate(req, cnf['x5t#S256'])
    if (cnf.jkt === undefined) return { status: 200, reason: 'ok', headers: {} }
    if (scheme !== 'DPoP') throw new Error('a DPoP-bound token must come with the DPoP scheme')
    return checkProof(req, accessToken!, payload, cnf.jkt)
  }

  async function checkProof(
    req: IncomingMessage,
    accessToken: string,
    _at: JWTPayload,
    jkt: string,
  ) {
    const proof = req.headers.dpop
    if (typeof proof !== 'string') throw new Error('no DPoP proof')
    const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt' })
    if (payload.htm !== req.method) throw new Error('htm mismatch')
    if (payload.htu !== `${origin}${new URL(req.url ?? '/', origin).pathname}`) {
      throw new Error('htu mismatch')
    }
    const ath = createHash('sha256').update(accessToken).digest('base64url')
    if (payload.ath !== ath) throw new Error('ath mismatch')
    if ((await calculateJwkThumbprint(protectedHeader.jwk!)) !== jkt) {
      throw new Error('the proof key is not the key the token is bound to')
    }
    if (options.dpopNonce && !nonces.has(String(payload.nonce))) {
      const nonce = randomBytes(16).toString('base64url')
      nonces.add(nonce)
      return {
        status: 401,
        reason: 'use_dpop_nonce',
        headers: {
          'www-authenticate': 'DPoP error="use_dpop_nonce", algs="ES256 RS256 EdDSA"',
          'dpop-nonce': nonce,
        },
      }
    }
    return { status: 200, reason: 'ok', headers: {} }
  }

  function checkCertificate(req: IncomingMessage, expected: string) {
    const raw = (req.socket as TLSSocket).getPeerCertificate?.()?.raw
    if (raw === undefined) throw new Error('no client certificate')
    const thumbprint = createHash('sha256').update(new X509Certificate(raw).raw).digest('base64url')
    if (thumbprint !== expected)
      throw new Error('the client certificate is not the one the token is bound to')
  }

  return {
    url: origin,
    decisions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
