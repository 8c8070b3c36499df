import { TokenManager } from '@vendor-token/core'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REDIS_URL } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'
import { countingSource } from './helpers/source.js'

describe('the cache-hit path', () => {
  const redis = useSharedRedis('hit-path')
  let client: Redis
  let manager: TokenManager
  let commands = 0

  beforeAll(() => {
    client = new Redis(REDIS_URL)
    // Counts every command the store sends on its connection.
    const send = client.sendCommand.bind(client)
    client.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
      commands++
      return send(...args)
    }) as Redis['sendCommand']
    manager = new TokenManager({ store: redis.store({ redis: client }) })
    manager.register('vendor', countingSource())
  })

  afterAll(async () => {
    await manager.close()
    client.disconnect()
  })

  it('never reaches Redis once the manager holds a valid token', async () => {
    const first = await manager.getToken('vendor', { scopes: ['read'] })
    expect(commands).toBeGreaterThan(0) // the miss went through Redis
    const afterMiss = commands
    for (let i = 0; i < 10_000; i++) {
      const token = await manager.getToken('vendor', { scopes: ['read'] })
      expect(token.accessToken).toBe(first.accessToken)
    }
    expect(commands).toBe(afterMiss)
  })
})
