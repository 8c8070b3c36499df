// Fault suite for the Apiture preset (OIDC discovery of the token endpoint on oidc-provider,
// Basic plus form client credentials, scopes).
import { DiscoveryError, TokenManager } from '@vendor-token/core'
import { startEmulator } from '@vendor-token/emulator'
import { apiture } from '@vendor-token/vendors'
import { describe, expect, it } from 'vitest'
import { describeTokenEndpointFaults } from './error-cases.js'
import {
  managerOptions,
  type PresetUnderTest,
  rejection,
  sleep,
  useFaultContext,
} from './harness.js'
import { describeOutages } from './outage-cases.js'

const preset: PresetUnderTest = {
  vendor: 'apiture',
  source: ({ vendors: { apiture: v } }) =>
    apiture({
      clientId: v.clientId,
      clientSecret: v.clientSecret,
      issuer: v.issuer,
      scopes: v.scopes,
    }),
  params: { scopes: ['banking/read'] },
  resourceUrl: ({ vendors }) => `${vendors.apiture.baseUrl}/banking/accounts`,
  secrets: ({ vendors }) => [vendors.apiture.clientSecret],
}

const ctx = useFaultContext(preset)
describeTokenEndpointFaults(preset, ctx)
describeOutages(preset, ctx)

describe('apiture: discovery outage', () => {
  // Discovery is cached per issuer for the whole process, so this test gets an issuer
  // (an emulator on another port) that nothing has discovered yet.
  it('a failed discovery is a DiscoveryError, shared during its backoff, and retried after it', async () => {
    const emulator = await startEmulator({ port: 0 })
    const manager = new TokenManager(managerOptions)
    try {
      manager.register('apiture', preset.source(emulator))
      emulator.fault('apiture', { on: 'discovery', status: 503 })
      const error = await rejection(manager.getToken('apiture', preset.params))
      expect(error).toBeInstanceOf(DiscoveryError)
      expect(emulator.stats('apiture').tokenRequests).toBe(0)

      emulator.clearFaults('apiture')
      const { retryAfterMs = 1_000 } = error as DiscoveryError
      await sleep(Math.min(retryAfterMs, 5_000) + 100)
      const token = await manager.getToken('apiture', preset.params)
      const answer = await fetch(preset.resourceUrl(emulator), {
        headers: { authorization: token.authorization },
      })
      expect(answer.status).toBe(200)
      expect(emulator.stats('apiture').tokenRequests).toBe(1)
    } finally {
      await manager.close()
      await emulator.close()
    }
  })
})
