/** Longest nonce we keep (a server's nonce is short; this bounds what a hostile one costs). */
const MAX_NONCE_LENGTH = 512
/** RFC 9449 8.1: nonce = 1*NQCHAR (printable ASCII without `"` and `\`). */
const NQCHAR = /^[\x21\x23-\x5b\x5d-\x7e]+$/

/**
 * The latest `DPoP-Nonce` (RFC 9449 8, 9) each server gave, per origin: the token endpoint's
 * and the resource servers'. Any response may carry a new one; the next proof uses it.
 */
export class DpopNonces {
  readonly #byOrigin = new Map<string, string>()

  get(url: string | URL): string | undefined {
    return this.#byOrigin.get(new URL(url).origin)
  }

  /** Keeps the response's nonce; true when it differs from the one held (a retry can help). */
  remember(url: string | URL, response: Response): boolean {
    const nonce = response.headers.get('dpop-nonce')
    if (nonce === null || nonce.length > MAX_NONCE_LENGTH || !NQCHAR.test(nonce)) return false
    const origin = new URL(url).origin
    if (this.#byOrigin.get(origin) === nonce) return false
    this.#byOrigin.set(origin, nonce)
    return true
  }
}

/** A resource server's 401 asking for a nonce (RFC 9449 9): `WWW-Authenticate: DPoP error="use_dpop_nonce"`. */
export function asksForDpopNonce(response: Response): boolean {
  if (response.status !== 401) return false
  const challenge = response.headers.get('www-authenticate') ?? ''
  return /\bDPoP\b/i.test(challenge) && /\berror\s*=\s*"?use_dpop_nonce"?/i.test(challenge)
}
