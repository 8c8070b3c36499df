import { afterEach, beforeEach, expect, test } from 'vitest'
import { keyHash } from '../src/token-rows.js'
import { find, type MetricsSetUp, startMetricsSetUp } from './metrics-server.js'

// What /metrics shows today. The fetch and cache metrics come from core's lifecycle channels:
// metrics-lifecycle.pending.ts asserts them (it passes once the lifecycle publishes).
let setUp: MetricsSetUp

beforeEach(async () => {
  setUp = await startMetricsSetUp()
})
afterEach(() => setUp?.close())

const EXPIRY = 'vendor_token_token_time_to_expiry'
const VENDOR = 'vendor_token_vendor'
const KEY_HASH = 'vendor_token_key_hash'

test('/metrics is the OpenTelemetry Prometheus exporter: seconds to expiry per vendor and key hash', async () => {
  const { manager } = setUp
  const tokens = []
  for (let i = 0; i < 3; i++) tokens.push(await manager.getToken('bridgeft'))
  tokens.push(await manager.getToken('wealthcom'))
  const { contentType, text, samples, types } = await setUp.scrape()
  expect(contentType).toMatch(/^text\/plain/)
  expect(types.get(EXPIRY)).toBe('gauge')
  expect(text).toContain(`# HELP ${EXPIRY} `)
  expect(text).toContain(`# UNIT ${EXPIRY} s`)
  const bridgeftRow = manager.status().find((row) => row.vendor === 'bridgeft')!
  const [expiry, ...others] = find(samples, EXPIRY, { [VENDOR]: 'bridgeft' })
  expect(others).toEqual([]) // three calls, one key
  expect(expiry!.labels[KEY_HASH]).toBe(keyHash(bridgeftRow.key))
  expect(expiry!.value).toBeGreaterThan(3000) // the emulator issues 1 h tokens
  expect(expiry!.value).toBeLessThanOrEqual(3600)
  expect(find(samples, EXPIRY, { [VENDOR]: 'wealthcom' })).toHaveLength(1)
  expect(samples.some((sample) => sample.name === 'target_info')).toBe(true) // the OTel exporter
  for (const token of tokens) {
    expect(text).not.toContain(token.accessToken)
    expect(text).not.toContain(token.authorization)
  }
})

test("the page's Key hash column and /metrics' vendor_token_key_hash name the same keys (firms 39, 792)", async () => {
  const { manager, server } = setUp
  await manager.getToken('bridgeft', { firmIds: [39] })
  await manager.getToken('bridgeft', { firmIds: [792] })
  const rows = manager.status().filter((row) => row.vendor === 'bridgeft')
  expect(rows).toHaveLength(2)
  const { samples } = await setUp.scrape()
  const html = await (await fetch(server.url)).text()
  const hashes = rows.map((row) => keyHash(row.key))
  expect(new Set(hashes).size).toBe(2)
  for (const [index, hash] of hashes.entries()) {
    const series = find(samples, EXPIRY, { [VENDOR]: 'bridgeft', [KEY_HASH]: hash })
    expect(series).toHaveLength(1)
    // The same expiry (read a few milliseconds apart): the series is that row's.
    expect(Math.abs(series[0]!.value - rows[index]!.expiresInSeconds!)).toBeLessThanOrEqual(2)
    expect(html).toContain(`<code>${hash}</code>`)
  }
})

test('labels are bounded: vendor, key hash, outcome codes; never the raw cache key', async () => {
  const { manager } = setUp
  await manager.getToken('bridgeft', { firmIds: [39, 792] })
  await manager.getToken('wealthcom')
  const { samples } = await setUp.scrape()
  // Keys with params are JSON (unbounded values); a key without params is the vendor name.
  const keys = manager
    .status()
    .map((row) => row.key)
    .filter((key) => key.includes('{'))
  expect(keys.length).toBeGreaterThan(0)
  const ours = samples.filter((sample) => sample.name.startsWith('vendor_token_'))
  expect(ours.length).toBeGreaterThan(0)
  const bounded = new Set([
    VENDOR,
    KEY_HASH,
    'vendor_token_outcome',
    'vendor_token_cache_result',
    'vendor_token_jwks_reason',
    'otel_scope_name',
    'le',
  ])
  for (const sample of ours) {
    for (const [label, value] of Object.entries(sample.labels)) {
      expect(bounded, `${sample.name} ${label}`).toContain(label)
      expect(keys).not.toContain(value)
      expect(value).not.toMatch(/[{}"]/)
    }
    if (KEY_HASH in sample.labels) expect(sample.labels[KEY_HASH]).toMatch(/^[\w-]{12}$/)
  }
})
