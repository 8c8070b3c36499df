/**
 * Benchmark of @vendor-token/redis (issue 6). (1) Cache-hit `getToken` through a manager on the
 * Redis store vs one on the memory store, in alternating rounds of the same run: the hit path
 * must not reach Redis (target ratio >= 0.8). (2) Cold start of a fleet of 8 processes, each
 * making 1,000 concurrent `getToken` on one cold key against the emulator: token requests and
 * p99 wait, beside the same fleet on memory stores (each process fetching its own token).
 * (3) Issue 16: a fleet of 16 processes, each with 1,000 cold callers per key, on a local 3-master
 * Redis Cluster (started and stopped here): token requests per key (target 1) and the p99 wait
 * against one process fetching the same cold keys alone (memory store).
 * Needs Redis at REDIS_URL (default redis://127.0.0.1:6379) and `redis-server`/`redis-cli` for
 * the cluster. Run alone: `node bench/dist/redis.js`.
 */
import { randomBytes } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import {
  MemoryTokenStore,
  TokenManager,
  type TokenSource,
  type TokenStore,
} from '@vendor-token/core'
import { startEmulator } from '@vendor-token/emulator'
import { RedisTokenStore } from '@vendor-token/redis'
import { Redis } from 'ioredis'
import type { BenchRow } from './types.js'

const SUITE = 'redis'
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const FLEET_SIZE = 8

/** The fleet driver shared with the Redis package's fleet test (plain JS, no build step). */
interface FleetDriver {
  startFleet(options: { size: number; env: Record<string, string>; timeoutMs?: number }): Promise<{
    burst(params: Record<string, unknown>, count: number): Promise<BurstOutcome[]>
    burstEach(paramsList: Record<string, unknown>[], count: number): Promise<BurstOutcome[][]>
    close(): Promise<void>
  }>
}
type BurstOutcome = { ok: number; p99: number; errors: string[]; tokens: string[] }
const fleetDriverUrl = new URL('../../packages/redis/test/fixtures/fleet.mjs', import.meta.url)

/** The Redis package's server starters (the tests' fixture). */
interface ServerStarters {
  startCluster(): Promise<{ startupNodes: { host: string; port: number }[]; stop(): Promise<void> }>
}
const serversUrl = new URL('../../packages/redis/test/fixtures/servers.mjs', import.meta.url)

/** A local source: the hit path is what is measured, not a vendor. */
const localSource: TokenSource = {
  kind: 'bench',
  requestToken: async () => ({
    accessToken: randomBytes(24).toString('base64url'),
    expiresIn: 3600,
  }),
}

/** Awaited cache-hit `getToken` calls per second over `calls` calls. */
async function hitsPerSecond(manager: TokenManager, calls: number): Promise<number> {
  const params = { scopes: ['read'] }
  const start = performance.now()
  for (let i = 0; i < calls; i++) await manager.getToken('bench', params)
  return (calls / (performance.now() - start)) * 1000
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function cacheHitRows(quick: boolean): Promise<BenchRow[]> {
  const prefix = `vt-bench:${randomBytes(4).toString('hex')}:`
  const redisStore = new RedisTokenStore({
    redis: REDIS_URL,
    prefix,
    encryptionKey: randomBytes(32),
  })
  const managers = new Map<string, TokenManager>()
  for (const [name, store] of [
    ['memory', new MemoryTokenStore()],
    ['redis', redisStore],
  ] as [string, TokenStore][]) {
    const manager = new TokenManager({ store })
    manager.register('bench', localSource)
    await manager.getToken('bench', { scopes: ['read'] }) // the one miss
    managers.set(name, manager)
  }
  const calls = quick ? 50_000 : 300_000
  const rounds: Record<string, number[]> = { memory: [], redis: [] }
  for (let round = 0; round < (quick ? 3 : 7); round++) {
    for (const name of round % 2 ? ['redis', 'memory'] : ['memory', 'redis']) {
      rounds[name]!.push(await hitsPerSecond(managers.get(name)!, calls))
    }
  }
  for (const manager of managers.values()) await manager.close()
  await redisStore.close()
  await cleanup(prefix)
  const memory = median(rounds.memory!)
  const redis = median(rounds.redis!)
  const ratio = redis / memory
  return [
    {
      suite: SUITE,
      name: 'getToken cache hit, Redis store',
      value: Math.round(redis),
      unit: 'calls/s',
      baseline: { name: 'getToken cache hit, memory store', value: Math.round(memory) },
      ratio: Number(ratio.toFixed(3)),
      target: '>= 0.8',
      pass: ratio >= 0.8,
      note: `median of ${rounds.redis!.length} alternating rounds of ${calls} awaited calls`,
    },
  ]
}

async function fleetColdStart(quick: boolean): Promise<BenchRow[]> {
  const calls = quick ? 200 : 1_000
  const { startFleet } = (await import(fleetDriverUrl.href)) as FleetDriver
  const emulator = await startEmulator()
  const { clientId, clientSecret, baseUrl } = emulator.vendors.bridgeft
  const prefix = `vt-bench:${randomBytes(4).toString('hex')}:`
  const measured: Record<string, { requests: number; p99: number; ok: number }> = {}
  try {
    for (const store of ['memory', 'redis']) {
      const fleet = await startFleet({
        size: FLEET_SIZE,
        env: {
          VT_FLEET_STORE: store,
          VT_FLEET_REDIS_URL: REDIS_URL,
          VT_FLEET_PREFIX: prefix,
          VT_FLEET_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
          VT_FLEET_CLIENT_ID: clientId,
          VT_FLEET_CLIENT_SECRET: clientSecret,
          VT_FLEET_BASE_URL: baseUrl,
        },
      })
      try {
        emulator.resetStats()
        const results = await fleet.burst({ firmIds: [39] }, calls)
        measured[store] = {
          requests: emulator.stats('bridgeft').tokenRequests,
          p99: Math.max(...results.map((r) => r.p99)),
          ok: results.reduce((sum, r) => sum + r.ok, 0),
        }
      } finally {
        await fleet.close()
      }
    }
  } finally {
    await emulator.close()
    await cleanup(prefix)
  }
  const memory = measured.memory!
  const redis = measured.redis!
  const note = `${FLEET_SIZE} processes × ${calls} concurrent getToken; ${redis.ok} answered`
  return [
    {
      suite: 'fleet',
      name: 'cold start token requests, Redis store',
      value: redis.requests,
      unit: 'requests',
      baseline: { name: 'cold start token requests, memory stores', value: memory.requests },
      ratio: redis.requests / memory.requests,
      target: '== 1 request',
      pass: redis.requests === 1,
      note,
    },
    {
      suite: 'fleet',
      name: 'cold start p99 wait, Redis store',
      value: Number(redis.p99.toFixed(1)),
      unit: 'ms',
      baseline: {
        name: 'cold start p99 wait, memory stores',
        value: Number(memory.p99.toFixed(1)),
      },
      ratio: Number((redis.p99 / memory.p99).toFixed(2)),
      note: 'highest per-process p99; one fetch + a Redis hand-over vs each process fetching',
    },
  ]
}

/**
 * 16 processes × 1,000 cold callers for each of 5 keys on a 3-master cluster, against one process
 * (memory store) with the same callers on the same number of cold keys.
 */
async function fleetOnCluster(quick: boolean): Promise<BenchRow[]> {
  const size = quick ? 8 : 16
  const calls = quick ? 200 : 1_000
  const keyCount = 5
  const { startFleet } = (await import(fleetDriverUrl.href)) as FleetDriver
  const { startCluster } = (await import(serversUrl.href)) as ServerStarters
  const [cluster, emulator] = await Promise.all([startCluster(), startEmulator()])
  const { clientId, clientSecret, baseUrl } = emulator.vendors.bridgeft
  const env = {
    VT_FLEET_REDIS_CLUSTER: cluster.startupNodes.map((n) => `${n.host}:${n.port}`).join(','),
    VT_FLEET_PREFIX: `vt-bench:${randomBytes(4).toString('hex')}:`,
    VT_FLEET_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    VT_FLEET_CLIENT_ID: clientId,
    VT_FLEET_CLIENT_SECRET: clientSecret,
    VT_FLEET_BASE_URL: baseUrl,
    VT_FLEET_TIMEOUT_MS: '60000',
  }
  let firm = 10_000
  const coldKeys = () => Array.from({ length: keyCount }, () => ({ firmIds: [firm++] }))
  const measure = async (store: 'memory' | 'redis', processes: number) => {
    const fleet = await startFleet({
      size: processes,
      env: { ...env, VT_FLEET_STORE: store },
      timeoutMs: 180_000,
    })
    try {
      emulator.resetStats()
      const results = (await fleet.burstEach(coldKeys(), calls)).flat()
      return {
        requests: emulator.stats('bridgeft').tokenRequests,
        p99: Math.max(...results.map((r) => r.p99)),
        ok: results.reduce((sum, r) => sum + r.ok, 0),
        errors: results.reduce((sum, r) => sum + r.errors.length, 0),
      }
    } finally {
      await fleet.close()
    }
  }
  let alone: Awaited<ReturnType<typeof measure>>
  let fleet: Awaited<ReturnType<typeof measure>>
  try {
    alone = await measure('memory', 1)
    fleet = await measure('redis', size)
  } finally {
    await emulator.close()
    await cluster.stop()
  }
  const perKey = fleet.requests / keyCount
  const note = `${size} processes × ${calls} callers × ${keyCount} keys on a 3-master cluster; ${fleet.ok} answered, ${fleet.errors} errors`
  return [
    {
      suite: 'fleet',
      name: 'cluster cold start token requests per key',
      value: perKey,
      unit: 'requests',
      baseline: { name: 'processes in the fleet', value: size },
      ratio: Number((perKey / size).toFixed(3)),
      target: '== 1 request',
      pass: perKey === 1 && fleet.errors === 0,
      note,
    },
    {
      suite: 'fleet',
      name: 'cluster cold start p99 wait',
      value: Number(fleet.p99.toFixed(1)),
      unit: 'ms',
      baseline: { name: 'one process fetching alone, p99', value: Number(alone.p99.toFixed(1)) },
      ratio: Number((fleet.p99 / alone.p99).toFixed(2)),
      note: `highest per-process p99 of the fleet vs one process (memory store) with ${calls} callers × ${keyCount} keys`,
    },
  ]
}

async function cleanup(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 })
  try {
    const keys = [...(await client.keys(`{${prefix}*`)), ...(await client.keys(`${prefix}*`))]
    if (keys.length > 0) await client.del(...keys)
  } finally {
    client.disconnect()
  }
}

/** Runs the Redis suite. */
export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  return [
    ...(await cacheHitRows(quick)),
    ...(await fleetColdStart(quick)),
    ...(await fleetOnCluster(quick)),
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run({ quick: process.argv.includes('--quick') })
  console.table(rows.map(({ baseline, ...row }) => ({ ...row, baseline: baseline?.value })))
}
