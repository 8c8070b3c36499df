import { type Emulator, startEmulator } from '@vendor-token/emulator'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BurstResult, type Fleet, startFleet } from './fixtures/fleet.mjs'
import { adminClient, deleteKeys, REDIS_URL, testKey, uniquePrefix } from './helpers/redis.js'
import { type RedisProxy, startRedisProxy } from './helpers/tcp-proxy.js'

const SIZE = 8
const CALLS = 1_000

/** Every call of every burst got a token, and all of them the same one. */
function expectOneSharedToken(results: BurstResult[], calls = CALLS) {
  for (const result of results) {
    expect(result.errors).toEqual([])
    expect(result.ok).toBe(calls)
  }
  expect(new Set(results.flatMap((r) => r.tokens)).size).toBe(1)
}

describe('a fleet of 8 processes sharing one token through Redis', { timeout: 90_000 }, () => {
  const prefix = uniquePrefix('fleet')
  let admin: Redis
  let emulator: Emulator
  let proxy: RedisProxy
  let fleet: Fleet

  const tokenRequests = () => emulator.stats('bridgeft').tokenRequests

  /** The emulator's BridgeFT resource accepts the token. */
  async function accepted(token: string | undefined): Promise<boolean> {
    const answer = await fetch(`${emulator.vendors.bridgeft.baseUrl}/v2/accounts`, {
      headers: { authorization: `Bearer ${token}` },
    })
    await answer.body?.cancel()
    return answer.status === 200
  }

  beforeAll(async () => {
    admin = adminClient()
    emulator = await startEmulator()
    // The workers reach Redis through a proxy the test can cut: the shared server stays up.
    proxy = await startRedisProxy(REDIS_URL)
    const { clientId, clientSecret, baseUrl } = emulator.vendors.bridgeft
    fleet = await startFleet({
      size: SIZE,
      env: {
        VT_FLEET_REDIS_URL: proxy.url,
        VT_FLEET_PREFIX: prefix,
        VT_FLEET_ENCRYPTION_KEY: testKey().toString('hex'),
        // Renewed every 2 s by a live holder (event loops stall on a loaded machine); a killed
        // holder's lock is gone 6 s after its last renewal.
        VT_FLEET_LOCK_TTL_MS: '6000',
        VT_FLEET_CLIENT_ID: clientId,
        VT_FLEET_CLIENT_SECRET: clientSecret,
        VT_FLEET_BASE_URL: baseUrl,
      },
    })
    expect(fleet.live().every((w) => w.available)).toBe(true)
  }, 90_000)

  afterAll(async () => {
    await fleet?.close()
    await proxy?.close()
    await emulator?.close()
    await deleteKeys(admin, prefix)
    admin.disconnect()
  })

  it('cold start: 8 × 1,000 concurrent getToken make exactly one token request', async () => {
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 500 }) // every instance arrives while one fetches
    const results = await fleet.burst({ firmIds: [39] }, CALLS)
    expectOneSharedToken(results)
    expect(tokenRequests()).toBe(1)
  })

  it('the lock holder killed mid-fetch: another instance finishes, at most 2 requests', async () => {
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 1_500 })
    const firstFetch = fleet.next('fetch-start')
    const bursts = fleet.live().map((worker) =>
      fleet.request(worker, 'burst', { params: { firmIds: [792] }, count: CALLS }).then(
        (result) => ({ worker, result: result as BurstResult | undefined }),
        () => ({ worker, result: undefined }),
      ),
    )
    const { worker: holder } = await firstFetch
    fleet.kill(holder)
    const settled = await Promise.all(bursts)
    const survivors = settled.filter((s) => s.worker !== holder)
    expect(survivors).toHaveLength(SIZE - 1)
    expectOneSharedToken(survivors.map((s) => s.result!))
    expect(tokenRequests()).toBeLessThanOrEqual(2)
  })

  it('Redis cut mid-run: every process keeps answering; once back, sharing resumes', async () => {
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 800 })
    // Cut while the fleet is fetching a cold key.
    const firstFetch = fleet.next('fetch-start')
    const during = fleet.burst({ firmIds: [1001] }, CALLS)
    await firstFetch
    proxy.cut()
    for (const result of await during) {
      expect(result.errors).toEqual([])
      expect(result.ok).toBe(CALLS)
    }
    await fleet.waitAvailability(false)
    emulator.clearFaults('bridgeft')

    // Down: cached keys from each process' own cache, a cold key fetched by each process alone.
    const cached = await fleet.burst({ firmIds: [792] }, CALLS)
    expectOneSharedToken(cached)
    const before = tokenRequests()
    const alone = await fleet.burst({ firmIds: [39, 792] }, CALLS)
    for (const result of [...cached, ...alone]) {
      expect(result.errors).toEqual([])
      expect(await accepted(result.sample)).toBe(true)
    }
    expect(tokenRequests() - before).toBe(fleet.live().length)

    proxy.restore()
    await fleet.waitAvailability(true)
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 500 })
    expectOneSharedToken(await fleet.burst({ firmIds: [39, 1001] }, CALLS))
    expect(tokenRequests()).toBe(1)
  })
})
