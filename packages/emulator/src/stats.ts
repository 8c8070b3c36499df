import type { EndpointKind, VendorName, VendorStats } from './types.js'
import { vendorNames } from './types.js'

/** Why a protected resource refused a request. */
export type Rejection = 'expired' | 'invalid'

function emptyStats(): VendorStats {
  return {
    tokenRequests: 0,
    tokenRequestsByGrantType: {},
    resourceRequests: 0,
    rejectedExpired: 0,
    rejectedInvalid: 0,
    jwksRequests: 0,
    discoveryRequests: 0,
    faultedRequests: 0,
  }
}

const counterOf: Record<
  EndpointKind,
  'tokenRequests' | 'resourceRequests' | 'jwksRequests' | 'discoveryRequests'
> = {
  token: 'tokenRequests',
  resource: 'resourceRequests',
  jwks: 'jwksRequests',
  discovery: 'discoveryRequests',
}

/** Per-vendor request counters behind `emulator.stats()`. */
export class Stats {
  #byVendor = new Map<VendorName, VendorStats>()

  constructor() {
    this.reset()
  }

  /** Counts a request that reached an endpoint of `kind`. */
  request(vendor: VendorName, kind: EndpointKind): void {
    this.#of(vendor)[counterOf[kind]] += 1
  }

  /** Counts a token request by its grant type. */
  grantType(vendor: VendorName, grantType: string | undefined): void {
    const byType = this.#of(vendor).tokenRequestsByGrantType
    const key = grantType || 'missing'
    byType[key] = (byType[key] ?? 0) + 1
  }

  /** Counts a request a fault was applied to. */
  faulted(vendor: VendorName): void {
    this.#of(vendor).faultedRequests += 1
  }

  /** Counts a refused resource request. */
  rejected(vendor: VendorName, why: Rejection): void {
    const stats = this.#of(vendor)
    if (why === 'expired') stats.rejectedExpired += 1
    else stats.rejectedInvalid += 1
  }

  /** A copy of one vendor's counters, or of all vendors summed. */
  snapshot(vendor?: VendorName): VendorStats {
    if (vendor) return copy(this.#of(vendor))
    const total = emptyStats()
    for (const name of vendorNames) add(total, this.#of(name))
    return total
  }

  reset(): void {
    for (const name of vendorNames) this.#byVendor.set(name, emptyStats())
  }

  #of(vendor: VendorName): VendorStats {
    const stats = this.#byVendor.get(vendor)
    if (!stats) throw new TypeError(`unknown vendor ${String(vendor)}`)
    return stats
  }
}

function copy(stats: VendorStats): VendorStats {
  return { ...stats, tokenRequestsByGrantType: { ...stats.tokenRequestsByGrantType } }
}

function add(total: VendorStats, stats: VendorStats): void {
  total.tokenRequests += stats.tokenRequests
  total.resourceRequests += stats.resourceRequests
  total.rejectedExpired += stats.rejectedExpired
  total.rejectedInvalid += stats.rejectedInvalid
  total.jwksRequests += stats.jwksRequests
  total.discoveryRequests += stats.discoveryRequests
  total.faultedRequests += stats.faultedRequests
  for (const [type, count] of Object.entries(stats.tokenRequestsByGrantType)) {
    total.tokenRequestsByGrantType[type] = (total.tokenRequestsByGrantType[type] ?? 0) + count
  }
}
