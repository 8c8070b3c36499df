export type { ApitureAuth, ApitureOptions } from './apiture.js'
export { APITURE_ISSUER, apiture } from './apiture.js'
export type { BridgeftOptions } from './bridgeft.js'
export {
  BRIDGEFT_BASE_URL,
  BRIDGEFT_TOKEN_LIFETIME_SECONDS,
  BRIDGEFT_TOKEN_PATH,
  bridgeft,
  mapBridgeftResponse,
} from './bridgeft.js'
export type { BridgeftTokenClaims } from './bridgeft-claims.js'
export { bridgeftClaims } from './bridgeft-claims.js'
export type { ModelPortfoliosOptions } from './model-portfolios.js'
export {
  MODEL_PORTFOLIOS_API_VERSION,
  MODEL_PORTFOLIOS_TOKEN_LIFETIME_SECONDS,
  MODEL_PORTFOLIOS_TOKEN_PATH,
  mapModelPortfoliosResponse,
  modelPortfolios,
  modelPortfoliosAccept,
  modelPortfoliosHeaders,
} from './model-portfolios.js'
export { wealthcom } from './wealthcom.js'
export type { WealthcomBasicOptions } from './wealthcom-basic.js'
export {
  WEALTHCOM_API_BASE_URL,
  WEALTHCOM_BASIC_LIFETIME_SECONDS,
  wealthcomBasic,
} from './wealthcom-basic.js'
export type { WealthcomUserOptions } from './wealthcom-user.js'
export {
  WEALTHCOM_ISSUER,
  WEALTHCOM_USER_TOKEN_OPERATIONS,
  wealthcomUser,
} from './wealthcom-user.js'
