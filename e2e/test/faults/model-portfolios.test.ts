// Fault suite for the model-portfolio vendor preset (JSON credentials, versioned Accept header).
import { modelPortfolios, modelPortfoliosHeaders } from '@vendor-token/vendors'
import { describeTokenEndpointFaults } from './error-cases.js'
import { type PresetUnderTest, useFaultContext } from './harness.js'
import { describeOutages } from './outage-cases.js'

const preset: PresetUnderTest = {
  vendor: 'modelPortfolios',
  source: ({ vendors: { modelPortfolios: v } }) =>
    modelPortfolios({ clientId: v.clientId, clientSecret: v.clientSecret, baseUrl: v.baseUrl }),
  resourceUrl: ({ vendors }) => `${vendors.modelPortfolios.baseUrl}/model-portfolios`,
  resourceHeaders: modelPortfoliosHeaders(),
  secrets: ({ vendors }) => [vendors.modelPortfolios.clientSecret],
}

const ctx = useFaultContext(preset)
describeTokenEndpointFaults(preset, ctx)
describeOutages(preset, ctx)
