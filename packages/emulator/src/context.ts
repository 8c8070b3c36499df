import type { ServerResponse } from 'node:http'
import type { Faults } from './faults.js'
import { sendOAuthError } from './http.js'
import type { Revocations } from './revocation.js'
import type { Mount, Route } from './router.js'
import type { Rejection, Stats } from './stats.js'
import type { EmulatorLogger, EmulatorOptions, FaultSpec, VendorName } from './types.js'

/** Documented (or likely) access-token lifetimes. */
const defaultTtlSeconds: Record<VendorName, number> = {
  bridgeft: 3600, // "Access tokens will expire one hour after they are issued."
  modelPortfolios: 86_400, // "Our access tokens are valid for 24 hours"
  apiture: 3600,
  wealthcom: 3600, // "Access tokens: short-lived, approximately 1 hour."
}

/** What every vendor module shares. */
export interface EmulatorContext {
  /** `http://127.0.0.1:<port>` */
  url: string
  options: EmulatorOptions
  now(): number
  /** Access-token lifetime for a token issued now: the fault's override, the option, the default. */
  ttlSeconds(vendor: VendorName, fault?: FaultSpec): number
  stats: Stats
  faults: Faults
  revocations: Revocations
  logger: EmulatorLogger
  /** Aborted when the emulator closes (pending latency, trickling bodies). */
  signal: AbortSignal
}

/** What a vendor module contributes to the server. */
export interface VendorModule {
  routes: Route[]
  mounts?: Mount[]
  /** New signing key; the old kid leaves the JWKS. */
  rotateKeys?(): Promise<void>
}

/** Builds the `ttlSeconds` function of the context. */
export function ttlResolver(options: EmulatorOptions): EmulatorContext['ttlSeconds'] {
  return (vendor, fault) => {
    if (fault?.tokenTtlSeconds) return fault.tokenTtlSeconds
    const option = options.tokenTtlSeconds
    const configured = typeof option === 'number' ? option : option?.[vendor]
    return configured ?? defaultTtlSeconds[vendor]
  }
}

/**
 * Refuses a resource request for a token problem: counts it and answers 401 with an RFC 6750
 * `WWW-Authenticate: Bearer` challenge (`invalid_token` when a token was presented).
 */
export function rejectToken(
  ctx: EmulatorContext,
  res: ServerResponse,
  vendor: VendorName,
  why: Rejection,
  description: string,
  tokenPresented = true,
): void {
  ctx.stats.rejected(vendor, why)
  const challenge = tokenPresented
    ? `Bearer realm="${vendor}", error="invalid_token", error_description="${description}"`
    : `Bearer realm="${vendor}"`
  sendOAuthError(res, 401, tokenPresented ? 'invalid_token' : 'unauthorized', description, {
    'www-authenticate': challenge,
  })
}
