// Fault suite for the BridgeFT preset (Basic client auth, form body, firm-scoped JWTs).
import { bridgeft } from '@vendor-token/vendors'
import { describeTokenEndpointFaults } from './error-cases.js'
import { type PresetUnderTest, useFaultContext } from './harness.js'
import { describeOutages } from './outage-cases.js'

const preset: PresetUnderTest = {
  vendor: 'bridgeft',
  source: ({ vendors: { bridgeft: v } }) =>
    bridgeft({ clientId: v.clientId, clientSecret: v.clientSecret, baseUrl: v.baseUrl }),
  params: { firmIds: [792, 39] },
  resourceUrl: ({ vendors }) => `${vendors.bridgeft.baseUrl}/v2/accounts`,
  secrets: ({ vendors }) => [vendors.bridgeft.clientSecret],
}

const ctx = useFaultContext(preset)
describeTokenEndpointFaults(preset, ctx)
describeOutages(preset, ctx)
