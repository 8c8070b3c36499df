/** The vendors the emulator speaks for. */
export type VendorName = 'bridgeft' | 'modelPortfolios' | 'apiture' | 'wealthcom'

/** Every vendor, in a stable order. */
export const vendorNames: readonly VendorName[] = [
  'bridgeft',
  'modelPortfolios',
  'apiture',
  'wealthcom',
]

/** Which endpoint of a vendor a fault hits. */
export type EndpointKind = 'token' | 'resource' | 'jwks' | 'discovery'

/**
 * One fault for one vendor. Faults that replace the answer (`reset`, `hang`, `malformedJson`,
 * `contentType`, `status`) are checked in that order after `latencyMs`; `missingFields`,
 * `hugeBodyBytes` and `trickleMs` reshape the normal answer; `tokenTtlSeconds` changes the
 * lifetime of the tokens issued while the fault is active.
 */
export interface FaultSpec {
  /** The endpoint the fault hits (default `'token'`). */
  on?: EndpointKind
  /** How many requests the fault hits before it clears itself (default: until cleared). */
  times?: number
  /** Delay before the answer (combines with every other fault). */
  latencyMs?: number
  /** Answer with this status (e.g. 500, 503, 429) and a JSON error body (or `body`). */
  status?: number
  /** Sent as `Retry-After` (seconds) with `status`. */
  retryAfterSeconds?: number
  /** The body to send with `status` or `contentType` instead of the default one. */
  body?: string
  /** Never answer; the request stays open until the client gives up or the emulator closes. */
  hang?: boolean
  /** Destroy the connection without an answer. */
  reset?: boolean
  /** 200 with `Content-Type: application/json` and a truncated JSON body. */
  malformedJson?: boolean
  /** Answer with this content type and an HTML body (or `body`), status 200 (or `status`). */
  contentType?: string
  /** The normal answer without its token field (or `{}` where there is no token field). */
  missingFields?: boolean
  /** The normal answer padded to about this many bytes, sent chunked (no Content-Length). */
  hugeBodyBytes?: number
  /** The normal answer written one byte every `trickleMs` milliseconds. */
  trickleMs?: number
  /** Lifetime of the tokens issued while the fault is active. */
  tokenTtlSeconds?: number
}

/** Request counters of one vendor (or of all vendors summed). */
export interface VendorStats {
  /** Requests that reached the token endpoint (faulted ones included). */
  tokenRequests: number
  /** Token requests by their `grant_type` (`'missing'` when absent). */
  tokenRequestsByGrantType: Record<string, number>
  /** Requests that reached a protected resource (faulted ones included). */
  resourceRequests: number
  /** Resource requests rejected because the token had expired. */
  rejectedExpired: number
  /** Resource requests rejected for any other token problem (missing, bad, revoked, scope). */
  rejectedInvalid: number
  /** Requests for the JWKS. */
  jwksRequests: number
  /** Requests for the discovery document. */
  discoveryRequests: number
  /** Requests a fault was applied to. */
  faultedRequests: number
}

/** A minimal logger; the emulator never passes a secret or token to it. */
export interface EmulatorLogger {
  debug?(message: string, meta?: Record<string, unknown>): void
  info?(message: string, meta?: Record<string, unknown>): void
  warn?(message: string, meta?: Record<string, unknown>): void
  error?(message: string, meta?: Record<string, unknown>): void
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port on 127.0.0.1 (default 0: a free port). */
  port?: number
  /** Access-token lifetime: one number for every vendor, or per vendor. */
  tokenTtlSeconds?: number | Partial<Record<VendorName, number>>
  modelPortfolios?: {
    /** Answer `accessToken` instead of the documented misspelling `accessTtoken`. */
    correctedSpelling?: boolean
  }
  wealthcom?: {
    /** Exact redirect URIs of the test clients (see also `allowAnyLoopbackRedirect`). */
    redirectUris?: string[]
    /** Accept any `http://127.0.0.1:<port>/...` or `http://localhost:<port>/...` (default true). */
    allowAnyLoopbackRedirect?: boolean
    /** Refresh-token lifetime (default 30 days). */
    refreshTokenTtlSeconds?: number
  }
  /**
   * Clock (ms epoch) for the emulator's own issuing (BridgeFT, model portfolios) and for every
   * expiry check at the protected resources. The two oidc-provider instances issue with the real
   * clock. Default `Date.now`.
   */
  now?: () => number
  logger?: EmulatorLogger
  /**
   * Serve the control routes under `/_emulator/` (faults, stats, revocation over HTTP, for a
   * test driving an emulator in another process; the CLI's `--faults`). Default false.
   */
  controlRoutes?: boolean
}
