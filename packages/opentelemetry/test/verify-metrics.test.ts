import type { Histogram } from '@opentelemetry/sdk-metrics'
import { type Emulator, signInTestAdvisor, startEmulator } from '@vendor-token/emulator'
import { createVerifier, type Verifier, VerifyError } from '@vendor-token/verify'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { type Instrumentation, instrumentVendorToken } from '../src/index.js'
import { startTelemetry, type TestTelemetry } from './support/otel.js'

// A real verifier (worker batches, JWKS over HTTP) against the emulator's Wealth.com provider
// (oidc-provider): its channels feed the verify and JWKS metrics.
let emulator: Emulator
let telemetry: TestTelemetry
let otel: Instrumentation
let verifier: Verifier | undefined

beforeAll(async () => {
  emulator = await startEmulator()
}, 60_000)
afterAll(() => emulator?.close())

beforeEach(() => {
  telemetry = startTelemetry()
  otel = instrumentVendorToken(telemetry)
})
afterEach(async () => {
  otel.disable()
  await verifier?.close()
  verifier = undefined
  emulator.clearFaults()
  await telemetry.shutdown()
})

function wealthcomVerifier(): Verifier {
  const { jwksUri, issuer, audience, clientId } = emulator.vendors.wealthcom
  return createVerifier({ jwksUri, issuer, audience, clientId, threads: 1, cache: false })
}

/** The sum of a counter's points whose attributes include `match`. */
async function counted(name: string, match: Record<string, string>): Promise<number> {
  return (await telemetry.points(name))
    .filter((point) => Object.entries(match).every(([k, v]) => point.attributes[k] === v))
    .reduce((sum, point) => sum + (point.value as number), 0)
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof VerifyError ? error.code : String(error)),
  )

it('vendor_token.verify.tokens by outcome and vendor_token.verify.batch.duration from real batches', async () => {
  const tokens = await signInTestAdvisor(emulator, 'openid clients:read')
  verifier = wealthcomVerifier()
  const codes = []
  for (let i = 0; i < 3; i++) codes.push(await codeOf(verifier.verify(tokens.accessToken)))
  codes.push(await codeOf(verifier.verify(tokens.idToken)))
  expect(codes).toEqual(['ok', 'ok', 'ok', 'id_token_rejected'])

  const outcome = 'vendor_token.outcome'
  expect(await counted('vendor_token.verify.tokens', { [outcome]: 'ok' })).toBe(3)
  expect(await counted('vendor_token.verify.tokens', { [outcome]: 'id_token_rejected' })).toBe(1)
  const [batches] = await telemetry.points('vendor_token.verify.batch.duration')
  const histogram = batches!.value as Histogram
  expect(histogram.count).toBe(verifier.stats().batchesSent) // one per batch (here: per call)
  expect(histogram.count).toBe(4)
  expect(histogram.sum).toBeGreaterThan(0)
  expect(histogram.sum).toBeLessThan(histogram.count * 30) // seconds, not milliseconds
  // Outcome codes only: nothing of the tokens reaches the exporter.
  const exported = JSON.stringify(await telemetry.metrics())
  expect(exported).not.toContain(tokens.accessToken.split('.')[1]!)
})

it('vendor_token.jwks.fetches: the first load, an unknown kid after a key rotation, a failure', async () => {
  const before = await signInTestAdvisor(emulator, 'openid clients:read')
  verifier = wealthcomVerifier()
  await verifier.verify(before.accessToken)
  const fetches = 'vendor_token.jwks.fetches'
  const ok = (reason: string) =>
    counted(fetches, { 'vendor_token.outcome': 'ok', 'vendor_token.jwks.reason': reason })
  expect(await ok('initial')).toBe(1)

  await emulator.rotateKeys('wealthcom')
  const after = await signInTestAdvisor(emulator, 'openid clients:read')
  await verifier.verify(after.accessToken) // a new kid: one refetch
  expect(await ok('unknown_kid')).toBe(1)

  // A second verifier whose first fetch meets a failing JWKS endpoint.
  emulator.fault('wealthcom', { on: 'jwks', status: 503 })
  const failing = wealthcomVerifier()
  try {
    expect(await codeOf(failing.verify(after.accessToken))).toBe('jwks_unavailable')
  } finally {
    await failing.close()
  }
  expect(
    await counted(fetches, {
      'vendor_token.outcome': 'unavailable',
      'vendor_token.jwks.reason': 'initial',
    }),
  ).toBe(1)
  expect(await counted(fetches, {})).toBe(3)
})
