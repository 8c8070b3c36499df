import { TokenManager } from '@vendor-token/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useSharedRedis } from './helpers/redis-fixture.js'
import { countingSource } from './helpers/source.js'

describe('listeners on shared objects', () => {
  const redis = useSharedRedis('listeners', { cleanup: 'each' })
  const warnings: Error[] = []
  const record = (warning: Error) => warnings.push(warning)
  beforeAll(() => {
    process.on('warning', record)
  })
  afterAll(() => {
    process.off('warning', record)
  })
  afterEach(() => {
    warnings.length = 0
  })

  it('50 concurrent distinct keys on a store that is still connecting: no process warning', async () => {
    // The store is new: every call waits for its first connection, on one listener pair.
    const manager = new TokenManager({ store: redis.store() })
    manager.register('vendor', countingSource())
    try {
      const tokens = await Promise.all(
        Array.from({ length: 50 }, (_, i) => manager.getToken('vendor', { scopes: [`s${i}`] })),
      )
      expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(50)
      await new Promise((resolve) => setImmediate(resolve)) // warnings are emitted on next tick
      expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([])
    } finally {
      await manager.close()
    }
  })

  it('50 keys waiting on other instances\u2019 locks: no process warning', async () => {
    const [holder, waiter] = [redis.store(), redis.store()]
    await redis.ready([holder, waiter])
    const managers = [holder, waiter].map((store) => new TokenManager({ store }))
    const sources = managers.map((manager) => {
      const source = countingSource()
      manager.register('vendor', {
        ...source,
        requestToken: async (context) => {
          await new Promise((resolve) => setTimeout(resolve, 300)) // the others wait meanwhile
          return source.requestToken(context)
        },
      })
      return source
    })
    try {
      const params = Array.from({ length: 50 }, (_, i) => ({ scopes: [`w${i}`] }))
      await Promise.all(
        managers.flatMap((manager) => params.map((p) => manager.getToken('vendor', p))),
      )
      expect(sources[0]!.requests + sources[1]!.requests).toBe(50)
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([])
    } finally {
      await Promise.all(managers.map((manager) => manager.close()))
    }
  })
})
