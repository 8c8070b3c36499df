import { afterEach, beforeEach, expect, test } from 'vitest'
import { find, type MetricsSetUp, startMetricsSetUp, total } from './metrics-server.js'

// The demo's /metrics series that come from core's lifecycle channels (fetch, cache lookups).
let setUp: MetricsSetUp

beforeEach(async () => {
  setUp = await startMetricsSetUp()
})
afterEach(() => setUp?.close())

const VENDOR = 'vendor_token_vendor'
const OUTCOME = 'vendor_token_outcome'
const RESULT = 'vendor_token_cache_result'

test('getToken lookups (hit / miss) and fetch durations per vendor and outcome', async () => {
  const { manager } = setUp
  for (let i = 0; i < 3; i++) await manager.getToken('bridgeft')
  await manager.getToken('wealthcom')
  const { samples, types } = await setUp.scrape()
  expect(types.get('vendor_token_cache_lookups_total')).toBe('counter')
  expect(types.get('vendor_token_fetch_duration')).toBe('histogram')
  const lookups = (vendor: string, result: string) =>
    total(samples, 'vendor_token_cache_lookups_total', { [VENDOR]: vendor, [RESULT]: result })
  expect([lookups('bridgeft', 'miss'), lookups('bridgeft', 'hit')]).toEqual([1, 2]) // one fetch
  expect(lookups('wealthcom', 'miss')).toBe(1)
  const fetches = find(samples, 'vendor_token_fetch_duration_count', { [VENDOR]: 'bridgeft' })
  expect(fetches.map((sample) => [sample.labels[OUTCOME], sample.value])).toEqual([['ok', 1]])
  const sum = total(samples, 'vendor_token_fetch_duration_sum', { [VENDOR]: 'bridgeft' })
  expect(sum).toBeGreaterThan(0)
  expect(sum).toBeLessThan(30) // seconds
})

test('a 503 is a failed fetch: vendor_token_fetch_failures_total by outcome', async () => {
  const { manager, emulator } = setUp
  emulator.fault('bridgeft', { on: 'token', status: 503 })
  await expect(manager.getToken('bridgeft', { firmIds: [39] })).rejects.toMatchObject({
    status: 503,
  })
  const { samples } = await setUp.scrape()
  const failures = find(samples, 'vendor_token_fetch_failures_total', { [VENDOR]: 'bridgeft' })
  expect(failures.map((sample) => [sample.labels[OUTCOME], sample.value])).toEqual([
    ['unavailable', 1],
  ])
  expect(
    total(samples, 'vendor_token_fetch_duration_count', {
      [VENDOR]: 'bridgeft',
      [OUTCOME]: 'unavailable',
    }),
  ).toBe(1)
})

test("/metrics counts the fetches the status page's Fetches column shows, failed ones included", async () => {
  const { manager, emulator } = setUp
  await manager.getToken('bridgeft', { firmIds: [39] })
  emulator.fault('bridgeft', { on: 'token', status: 503, times: 1 })
  await expect(manager.getToken('bridgeft', { firmIds: [792] })).rejects.toMatchObject({
    status: 503,
  })
  await manager.getToken('wealthcom')
  const { samples } = await setUp.scrape()
  for (const vendor of ['bridgeft', 'wealthcom']) {
    const pageFetches = manager
      .status()
      .filter((row) => row.vendor === vendor)
      .reduce((sum, row) => sum + row.fetchCount, 0)
    expect(pageFetches, vendor).toBeGreaterThan(0)
    expect(total(samples, 'vendor_token_fetch_duration_count', { [VENDOR]: vendor }), vendor).toBe(
      pageFetches,
    )
  }
})
