import { testCredentials as creds } from './credentials.js'
import type { EmulatorVendors } from './emulator-types.js'
import { apitureScopes } from './vendors/apiture.js'
import { bridgeftToken } from './vendors/bridgeft.js'
import { modelPortfoliosApiVersion } from './vendors/model-portfolios.js'
import type { WealthcomOidc } from './vendors/wealthcom-oidc.js'

/** Where each vendor lives on the emulator at `url`, with its test credentials. */
export function vendorInfo(url: string, wealthcom: WealthcomOidc): EmulatorVendors {
  return {
    bridgeft: {
      baseUrl: `${url}/bridgeft`,
      tokenUrl: `${url}/bridgeft/v2/oauth2/token`,
      jwksUri: `${url}/bridgeft/.well-known/jwks.json`,
      ...creds.bridgeft,
      ...bridgeftToken,
    },
    modelPortfolios: {
      baseUrl: `${url}/modelportfolios`,
      tokenUrl: `${url}/modelportfolios/oauth/token`,
      apiVersion: modelPortfoliosApiVersion,
      ...creds.modelPortfolios,
    },
    apiture: {
      issuer: `${url}/apiture/oidc`,
      baseUrl: `${url}/apiture`,
      ...creds.apiture,
      scopes: apitureScopes,
    },
    wealthcom: {
      baseUrl: `${url}/wealthcom`,
      ...creds.wealthcom,
      testLogin: { ...creds.wealthcom.testLogin },
      issuer: wealthcom.issuer,
      audience: wealthcom.audience,
      jwksUri: wealthcom.jwksUri,
      redirectUris: wealthcom.redirectUris,
    },
  }
}
