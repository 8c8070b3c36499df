import type { VendorName } from './types.js'

const maxRemembered = 200_000

/**
 * Early revocation: `revokeTokens(vendor)` makes the vendor's resources refuse every token issued
 * before that moment. Issue times are remembered in milliseconds (a JWT `iat` has only seconds,
 * which cannot tell a token issued just before the revocation from one issued just after it).
 */
export class Revocations {
  #revokedAt = new Map<VendorName, number>()
  #issuedAt = new Map<string, number>()

  /** Remembers when `token` was issued (ms epoch). */
  issued(vendor: VendorName, token: string, at: number): void {
    const key = keyOf(vendor, token)
    this.#issuedAt.delete(key)
    this.#issuedAt.set(key, at)
    // Oldest first (Map keeps insertion order): forget the oldest when the map grows too big.
    if (this.#issuedAt.size > maxRemembered) {
      const oldest = this.#issuedAt.keys().next().value
      if (oldest !== undefined) this.#issuedAt.delete(oldest)
    }
  }

  /** Refuses every token of `vendor` issued before `at` (ms epoch). */
  revoke(vendor: VendorName, at: number): void {
    this.#revokedAt.set(vendor, at)
  }

  /**
   * Whether `token` was issued before the vendor's last revocation. `iatSeconds` is the fallback
   * for a token whose issue time was not remembered.
   */
  isRevoked(vendor: VendorName, token: string, iatSeconds?: number): boolean {
    const revokedAt = this.#revokedAt.get(vendor)
    if (revokedAt === undefined) return false
    const issuedAt = this.#issuedAt.get(keyOf(vendor, token)) ?? (iatSeconds ?? 0) * 1000
    return issuedAt < revokedAt
  }
}

// The tail of a token is unique enough (JWT signature or random opaque value) and keeps the map small.
function keyOf(vendor: VendorName, token: string): string {
  return `${vendor}:${token.slice(-48)}`
}
