import type { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { bridgeft, wealthcom } from '@vendor-token/vendors'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { MeteredTokenManager } from '../src/metered-manager.js'
import { createMetrics } from '../src/metrics.js'
import { type StatusServer, startStatusServer } from '../src/status/server.js'
import { keyHash } from '../src/token-rows.js'
import { parsePrometheusText, type Sample } from './prometheus-text.js'

let emulator: Emulator
let manager: TokenManager
let server: StatusServer

beforeEach(async () => {
  emulator = await startEmulator()
  const metrics = createMetrics()
  manager = new MeteredTokenManager(metrics.getTokenWaits, { retry: { retries: 0 } })
  metrics.observe(manager)
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  manager.register('wealthcom', wealthcom.basic(emulator.vendors.wealthcom))
  server = await startStatusServer({ manager, registry: metrics.registry, apps: [], port: 0 })
})

afterEach(async () => {
  await server?.close()
  await manager?.close()
  await emulator?.close()
})

function find(samples: Sample[], name: string, labels: Record<string, string>): Sample[] {
  return samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([k, v]) => sample.labels[k] === v),
  )
}

test('/metrics is Prometheus text with fetch counters, state, expiry and getToken waits', async () => {
  const tokens = []
  for (let i = 0; i < 3; i++) tokens.push(await manager.getToken('bridgeft'))
  await manager.getToken('wealthcom')
  const response = await fetch(`${server.url}metrics`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  const text = await response.text()
  const { samples, types } = parsePrometheusText(text)
  expect(types.get('vendor_token_fetches_total')).toBe('counter')
  expect(types.get('vendor_token_state')).toBe('gauge')
  expect(types.get('vendor_token_get_token_wait_seconds')).toBe('histogram')

  const fetches = find(samples, 'vendor_token_fetches_total', { vendor: 'bridgeft' })
  expect(fetches.map((s) => s.value)).toEqual([1]) // three calls, one fetch
  const valid = find(samples, 'vendor_token_state', { vendor: 'bridgeft', state: 'valid' })
  expect(valid.map((s) => s.value)).toEqual([1])
  const expiring = find(samples, 'vendor_token_expires_in_seconds', { vendor: 'bridgeft' })
  expect(expiring[0]!.value).toBeGreaterThan(3000) // the emulator issues 1 h tokens
  const waits = find(samples, 'vendor_token_get_token_wait_seconds_count', {
    vendor: 'bridgeft',
    outcome: 'ok',
  })
  expect(waits.map((s) => s.value)).toEqual([3])
  expect(find(samples, 'vendor_token_state', { vendor: 'wealthcom', state: 'valid' })).toHaveLength(
    1,
  )
  for (const token of tokens) expect(text).not.toContain(token.accessToken)
})

test('failures are counted by error code', async () => {
  emulator.fault('bridgeft', { on: 'token', status: 503 })
  await expect(manager.getToken('bridgeft', { firmIds: [39] })).rejects.toMatchObject({
    status: 503,
  })
  const { samples } = parsePrometheusText(await (await fetch(`${server.url}metrics`)).text())
  const failures = find(samples, 'vendor_token_failures_total', { vendor: 'bridgeft' })
  expect(failures).toHaveLength(1)
  expect(failures[0]!.labels.code).toBe('endpoint_unavailable')
  expect(failures[0]!.value).toBe(1)
  const waits = find(samples, 'vendor_token_get_token_wait_seconds_count', {
    vendor: 'bridgeft',
    outcome: 'error',
  })
  expect(waits.map((s) => s.value)).toEqual([1])
})

test('/metrics and the status page count the same fetches, failed ones included (firm 39)', async () => {
  await manager.getToken('bridgeft', { firmIds: [39] })
  emulator.fault('bridgeft', { on: 'token', status: 503, times: 1 })
  await expect(manager.getToken('bridgeft', { firmIds: [792] })).rejects.toMatchObject({
    status: 503,
  })
  const rows = manager.status().filter((row) => row.vendor === 'bridgeft')
  const { samples } = parsePrometheusText(await (await fetch(`${server.url}metrics`)).text())
  const html = await (await fetch(server.url)).text()
  for (const row of rows) {
    const hash = keyHash(row.key)
    const metric = find(samples, 'vendor_token_fetches_total', {
      vendor: 'bridgeft',
      key_hash: hash,
    })
    expect(metric.map((s) => s.value)).toEqual([row.fetchCount])
    const cells = new RegExp(`<code>${hash}</code></td>[\\s\\S]*?<td>(\\d+)</td><td>`).exec(html)
    expect(Number(cells?.[1])).toBe(row.fetchCount)
  }
  expect(rows.some((row) => row.lastErrorCode === 'endpoint_unavailable')).toBe(true)
})

test('metric labels are the vendor and a short key hash, never the raw cache key', async () => {
  await manager.getToken('bridgeft', { firmIds: [39, 792] })
  await manager.getToken('wealthcom')
  const { samples } = parsePrometheusText(await (await fetch(`${server.url}metrics`)).text())
  // Keys with params are JSON (unbounded values); a key without params is the vendor name.
  const keys = manager
    .status()
    .map((row) => row.key)
    .filter((key) => key.includes('{'))
  expect(keys.length).toBeGreaterThan(0)
  const ours = samples.filter((sample) => sample.name.startsWith('vendor_token_'))
  expect(ours.length).toBeGreaterThan(0)
  for (const sample of ours) {
    expect(Object.keys(sample.labels)).not.toContain('key')
    for (const value of Object.values(sample.labels)) {
      expect(keys).not.toContain(value)
      expect(value).not.toMatch(/[{}"]/)
    }
    if ('key_hash' in sample.labels) expect(sample.labels.key_hash).toMatch(/^[0-9a-f]{8}$/)
  }
})
