import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { bridgeft } from '@vendor-token/vendors'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisTokenStore } from '../src/index.js'
import { testKey, uniquePrefix, waitUntil } from './helpers/redis.js'
import { startSentinel, type TestSentinel } from './helpers/redis-fixture.js'

const INSTANCES = 3
const KEYS = 20
const CALLERS = 100

let nextFirm = 1
const coldKeys = () => Array.from({ length: KEYS }, () => ({ firmIds: [nextFirm++] }))

describe('Redis behind Sentinel: a master, a replica, 3 sentinels', { timeout: 120_000 }, () => {
  let sentinel: TestSentinel
  let emulator: Emulator
  const clients: Redis[] = []
  const stores: RedisTokenStore[] = []
  const managers: TokenManager[] = []

  const tokenRequests = () => emulator.stats('bridgeft').tokenRequests

  /** Every instance asks for every key `CALLERS` times at once; returns the tokens per key. */
  async function burst(keys: Record<string, unknown>[]): Promise<Set<string>[]> {
    const perKey = await Promise.all(
      keys.map(async (params) => {
        const tokens = await Promise.all(
          managers.flatMap((manager) =>
            Array.from({ length: CALLERS }, () => manager.getToken('bridgeft', params)),
          ),
        )
        return new Set(tokens.map((token) => token.accessToken))
      }),
    )
    return perKey
  }

  beforeAll(async () => {
    ;[sentinel, emulator] = await Promise.all([startSentinel(), startEmulator()])
    const prefix = uniquePrefix('sentinel')
    const encryptionKey = testKey()
    const { clientId, clientSecret, baseUrl } = emulator.vendors.bridgeft
    for (let i = 0; i < INSTANCES; i++) {
      // A Sentinel-configured client, failing fast while no master is known (README).
      const client = new Redis({
        sentinels: sentinel.sentinels,
        name: sentinel.name,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: (times) => Math.min(50 * 2 ** times, 1_000),
      })
      client.on('error', () => undefined)
      const store = new RedisTokenStore({
        redis: client,
        prefix,
        encryptionKey,
        operationTimeoutMs: 5_000,
        pollIntervalMs: 100,
        probeIntervalMs: 200,
      })
      const manager = new TokenManager({ store })
      manager.register('bridgeft', bridgeft({ clientId, clientSecret, baseUrl }))
      clients.push(client)
      stores.push(store)
      managers.push(manager)
    }
    await waitUntil(() => stores.every((store) => store.available), 30_000)
  }, 120_000)

  afterAll(async () => {
    await Promise.all(managers.map((manager) => manager.close()))
    await Promise.all(stores.map((store) => store.close()))
    for (const client of clients) client.disconnect()
    await emulator?.close()
    await sentinel?.stop()
  })

  it('shares through the master Sentinel names: one token request per key', async () => {
    expect(await stores[0]!.pubSubMode()).toBe('classic')
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 300 })
    for (const tokens of await burst(coldKeys())) expect(tokens.size).toBe(1)
    expect(tokenRequests()).toBe(KEYS)
  })

  it('the master killed mid-run: callers keep getting tokens; sharing resumes after failover', async () => {
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 1_000 })
    const during = burst(coldKeys())
    await waitUntil(() => tokenRequests() > 0)
    await sentinel.kill(sentinel.masterPort)
    for (const tokens of await during) expect(tokens.size).toBeGreaterThanOrEqual(1)

    await waitUntil(
      async () => (await sentinel.currentMasterPort()) === sentinel.replicaPort,
      60_000,
    )
    await waitUntil(() => stores.every((store) => store.available), 60_000)
    emulator.resetStats()
    emulator.fault('bridgeft', { latencyMs: 300 })
    for (const tokens of await burst(coldKeys())) expect(tokens.size).toBe(1)
    expect(tokenRequests()).toBe(KEYS)
  })
})
