import type { FaultSpec, VendorName, VendorStats } from './types.js'

/** Where to reach each emulated vendor and with which (fake) credentials. */
export interface EmulatorVendors {
  bridgeft: {
    /** `<url>/bridgeft`: token at `POST /v2/oauth2/token`, accounts at `GET /v2/accounts`. */
    baseUrl: string
    tokenUrl: string
    jwksUri: string
    clientId: string
    clientSecret: string
    /** Documented `iss` and `aud` of the access token. */
    issuer: string
    audience: string
  }
  modelPortfolios: {
    /** `<url>/modelportfolios`: token at `POST /oauth/token`, data at `GET /model-portfolios`. */
    baseUrl: string
    tokenUrl: string
    apiVersion: string
    clientId: string
    clientSecret: string
  }
  apiture: {
    /** `<url>/apiture/oidc` (discovery at `/.well-known/openid-configuration`). */
    issuer: string
    /** `<url>/apiture`: accounts at `GET /banking/accounts`. */
    baseUrl: string
    clientId: string
    clientSecret: string
    scopes: readonly ['banking/read', 'banking/write']
  }
  wealthcom: {
    /** `<url>/wealthcom`: `GET`/`POST /v1/clients` with Basic or an advisor's user token. */
    baseUrl: string
    username: string
    password: string
    /** `<url>/wealthcom/oidc` */
    issuer: string
    /** `aud` of the user access tokens (the default resource indicator). */
    audience: string
    jwksUri: string
    clientId: string
    clientSecret: string
    publicClientId: string
    /** Exact redirect URIs of the test clients; any loopback http URL is accepted too by default. */
    redirectUris: string[]
    testLogin: { username: string; password: string }
  }
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  url: string
  vendors: EmulatorVendors
  /** Counters of one vendor, or of all vendors summed. */
  stats(vendor?: VendorName): VendorStats
  resetStats(): void
  /** Sets the vendor's fault (replacing its current one). */
  fault(vendor: VendorName, spec: FaultSpec): void
  /** Clears the vendor's fault, or every fault. */
  clearFaults(vendor?: VendorName): void
  /** Early revocation: the vendor's resources refuse every token issued before now. */
  revokeTokens(vendor: VendorName): void
  /** New signing key (new kid); the old key leaves the JWKS, tokens it signed stop verifying. */
  rotateKeys(vendor: 'bridgeft' | 'wealthcom'): Promise<void>
  /** Replaces the exact redirect URIs of the Wealth.com test clients. */
  setRedirectUris(uris: readonly string[]): void
  /** Registers one more Wealth.com OIDC client (oidc-provider client metadata). */
  addClient(metadata: Record<string, unknown>): void
  /** Stops listening and ends every connection, hung ones included. */
  close(): Promise<void>
}
