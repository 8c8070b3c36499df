import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BurstResult, type Fleet, startFleet } from './fixtures/fleet.mjs'
import { cli } from './fixtures/servers.mjs'
import { testKey, uniquePrefix } from './helpers/redis.js'
import { startCluster, type TestCluster } from './helpers/redis-fixture.js'

const SIZE = 8
const CALLERS = 500
const KEYS = 50

/** 50 cold keys (one firm each), new for every call. */
let nextFirm = 1
const coldKeys = () => Array.from({ length: KEYS }, () => ({ firmIds: [nextFirm++] }))

/** No caller failed, and every process got one token per key, the same across the fleet. */
function expectEveryCallerServed(results: BurstResult[][], { shared }: { shared: boolean }) {
  for (const perKey of results) {
    expect(perKey).toHaveLength(KEYS)
    for (const result of perKey) {
      expect(result.errors).toEqual([])
      expect(result.ok).toBe(CALLERS)
      expect(result.tokens).toHaveLength(1)
    }
  }
  if (!shared) return
  for (let key = 0; key < KEYS; key++) {
    expect(new Set(results.map((perKey) => perKey[key]!.tokens[0])).size).toBe(1)
  }
}

describe('a fleet on a 3-master Redis Cluster', { timeout: 300_000 }, () => {
  let cluster: TestCluster
  let emulator: Emulator
  let fleet: Fleet
  const unavailable: string[] = []

  const tokenRequests = () => emulator.stats('bridgeft').tokenRequests

  beforeAll(async () => {
    ;[cluster, emulator] = await Promise.all([startCluster(), startEmulator()])
    const { clientId, clientSecret, baseUrl } = emulator.vendors.bridgeft
    fleet = await startFleet({
      size: SIZE,
      // 8 processes × 25,000 callers on a shared 2-core machine: answers may take a while.
      timeoutMs: 150_000,
      env: {
        VT_FLEET_MAX_LIFE_MS: '600000',
        // Notices wake the waiters; a slower poll keeps 8 × 50 waiting keys from loading the box.
        VT_FLEET_POLL_MS: '500',
        VT_FLEET_TIMEOUT_MS: '60000',
        VT_FLEET_REDIS_CLUSTER: cluster.startupNodes.map((n) => `${n.host}:${n.port}`).join(','),
        VT_FLEET_PREFIX: uniquePrefix('cluster'),
        VT_FLEET_ENCRYPTION_KEY: testKey().toString('hex'),
        // 25,000 callers per process on 2 shared cores stall event loops for seconds: a Redis
        // reply read late must not count as an outage (the kill case still fails fast: refused).
        VT_FLEET_LOCK_TTL_MS: '15000',
        VT_FLEET_OPERATION_TIMEOUT_MS: '15000',
        VT_FLEET_CLIENT_ID: clientId,
        VT_FLEET_CLIENT_SECRET: clientSecret,
        VT_FLEET_BASE_URL: baseUrl,
      },
    })
    for (const worker of fleet.workers) {
      worker.child.on(
        'message',
        (message: { type: string; available?: boolean; reason?: string }) => {
          if (message.type === 'store' && message.available === false) {
            unavailable.push(`worker ${worker.index}: ${message.reason}`)
          }
        },
      )
    }
    expect(fleet.live().every((w) => w.available)).toBe(true)
  }, 180_000)

  afterAll(async () => {
    try {
      await fleet?.close()
      await emulator?.close()
    } finally {
      await cluster?.stop()
    }
  }, 60_000)

  it('8 processes × 500 cold callers × 50 keys over every master: 50 token requests', async () => {
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 300 }) // every process arrives while one fetches
    expectEveryCallerServed(await fleet.burstEach(coldKeys(), CALLERS), { shared: true })
    expect(tokenRequests()).toBe(KEYS)
    // The keys are spread over the slots of all three masters.
    for (const port of cluster.ports) {
      expect(Number(await cli(port, 'DBSIZE'))).toBeGreaterThan(0)
    }
    expect(unavailable).toEqual([])
  })

  it('slot migration mid-run: every caller served, one request per key, no outage', async () => {
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 1_000 })
    const firstFetch = fleet.next('fetch-start')
    const during = fleet.burstEach(coldKeys(), CALLERS)
    await firstFetch
    const [from, to] = cluster.ports as [number, number]
    await cluster.reshard(from, to, 1_000)
    expectEveryCallerServed(await during, { shared: true })
    expect(tokenRequests()).toBe(KEYS)
    expect(unavailable).toEqual([]) // MOVED/ASK were followed by ioredis, never an error
  })

  it('a master killed mid-run: callers keep getting tokens; sharing resumes when it returns', async () => {
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 1_000 })
    const victim = cluster.ports[2]!
    const firstFetch = fleet.next('fetch-start')
    const during = fleet.burstEach(coldKeys(), CALLERS)
    await firstFetch
    await cluster.kill(victim)
    expectEveryCallerServed(await during, { shared: false })

    await cluster.restart(victim)
    await cluster.waitHealthy(60_000)
    await fleet.waitAvailability(true)
    // Every process touches every master once (one caller per key, not asserted), so no
    // client is still reconnecting to the restarted node when the measured burst starts.
    await fleet.burstEach(coldKeys(), 1)
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 300 })
    // Once the node answers again, a cold key is fetched once for the fleet.
    expectEveryCallerServed(await fleet.burstEach(coldKeys(), CALLERS), { shared: true })
    expect(tokenRequests()).toBe(KEYS)
  })
})
