// Redis goes away mid-run (the store reaches it through a proxy we cut; the shared Redis server
// keeps running) while tokens expire every 2 s: every call keeps succeeding from the local
// cache, and when Redis returns two instances share one token again.
import { randomBytes, randomUUID } from 'node:crypto'
import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { RedisTokenStore } from '@vendor-token/redis'
import { bridgeft } from '@vendor-token/vendors'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTcpProxy, type TcpProxy } from '../../src/tcp-proxy.js'
import { managerOptions, sleep } from './harness.js'

const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
const prefix = `vt-e2e-${randomUUID()}:`
const encryptionKey = randomBytes(32)
let emulator: Emulator
let proxy: TcpProxy
const managers: TokenManager[] = []

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenTtlSeconds: { bridgeft: 2 } })
  proxy = await startTcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) })
})

afterAll(async () => {
  await Promise.all(managers.map((m) => m.close()))
  await proxy?.close()
  await emulator?.close()
  const admin = new Redis(redisUrl.href, { lazyConnect: true })
  await admin.connect()
  const keys = await admin.keys(`${prefix}*`)
  if (keys.length) await admin.del(...keys)
  await admin.quit()
})

/** One instance of the fleet: a manager on a Redis store reached through the proxy. */
function instance(): TokenManager {
  const store = new RedisTokenStore({
    redis: `redis://127.0.0.1:${proxy.port}`,
    prefix,
    encryptionKey,
    operationTimeoutMs: 200,
    probeIntervalMs: 200,
    lockTtlMs: 1_000,
  })
  const manager = new TokenManager({ ...managerOptions, store })
  const v = emulator.vendors.bridgeft
  manager.register(
    'bridgeft',
    bridgeft({ clientId: v.clientId, clientSecret: v.clientSecret, baseUrl: v.baseUrl }),
  )
  managers.push(manager)
  return manager
}

describe('Redis killed mid-run', () => {
  it('service continues from the local cache, and sharing resumes when Redis returns', async () => {
    const a = instance()
    const accounts = `${emulator.vendors.bridgeft.baseUrl}/v2/accounts`
    const statuses: number[] = []
    const errors: unknown[] = []
    const runFor = async (ms: number) => {
      const end = Date.now() + ms
      while (Date.now() < end) {
        try {
          const answer = await a.fetch('bridgeft', accounts)
          await answer.body?.cancel()
          statuses.push(answer.status)
        } catch (error) {
          errors.push(error)
        }
        await sleep(25)
      }
    }

    await runFor(1_500)
    const beforeCut = statuses.length
    await proxy.cut()
    await runFor(4_500) // two token lifetimes and more without Redis
    const duringCut = statuses.length - beforeCut
    await proxy.restore()
    await runFor(3_000) // the store notices (probe) and the next refresh is shared again

    expect(errors).toEqual([])
    expect(duringCut).toBeGreaterThan(20)
    expect(statuses.every((s) => s === 200)).toBe(true)
    expect(emulator.stats('bridgeft').rejectedExpired).toBe(0)

    // Sharing resumes in the instance that lived through the outage: a token it fetches now is
    // found in Redis by a second instance, which makes no request of its own.
    const requests = emulator.stats('bridgeft').tokenRequests
    const own = await a.getToken('bridgeft', { firmIds: [39] })
    const shared = await instance().getToken('bridgeft', { firmIds: [39] })
    expect(shared.accessToken).toBe(own.accessToken)
    expect(emulator.stats('bridgeft').tokenRequests).toBe(requests + 1)
  })
})
