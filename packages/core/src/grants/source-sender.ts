import type { DpopSender } from '../dpop/dpop-sender.js'
import { asksForDpopNonce } from '../dpop/nonces.js'
import { dpopKeyOf } from '../dpop/token-key.js'
import type { Token } from '../token.js'
import type { SenderConstraint } from '../types.js'
import type { TlsClientCertificate } from './tls-certificate.js'

/**
 * How `manager.fetch` sends a source's tokens: over its TLS client certificate (RFC 8705 3,
 * certificate-bound tokens) and, for a token bound to a DPoP key, as `Authorization: DPoP` with
 * a fresh proof signed by that key (RFC 9449 7.1), with the origin's latest nonce.
 */
export class SourceSender implements SenderConstraint {
  constructor(
    /** Read per request: the source settles both at `register`. */
    private readonly dpopOf: () => DpopSender | undefined,
    private readonly tlsOf: () => TlsClientCertificate | undefined,
  ) {}

  async authorize(url: URL, init: RequestInit, token: Token, now: number): Promise<RequestInit> {
    const headers = new Headers(init.headers)
    headers.set('authorization', token.authorization)
    const dpop = this.dpopOf()
    const key = dpop === undefined ? undefined : dpopKeyOf(token)
    if (key !== undefined) {
      const method = init.method ?? 'GET'
      headers.set('dpop', dpop!.proof(key, method, url, now, token.accessToken))
    }
    const authorized: RequestInit = { ...init, headers }
    const tls = this.tlsOf()
    if (tls !== undefined) {
      ;(authorized as { dispatcher?: unknown }).dispatcher = await tls.dispatcher()
    }
    return authorized
  }

  observe(url: URL, response: Response): boolean {
    const dpop = this.dpopOf()
    if (dpop === undefined) return false
    const fresh = dpop.nonces.remember(url, response)
    return fresh && asksForDpopNonce(response)
  }
}
