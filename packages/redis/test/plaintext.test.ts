import { ConfigurationError } from '@vendor-token/core'
import { describe, expect, it } from 'vitest'
import { RedisTokenStore } from '../src/index.js'
import { makeToken, REDIS_URL } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'

describe('plaintext refusal and key validation', () => {
  const redis = useSharedRedis('plaintext')
  const { prefix } = redis

  it('refuses to start without an encryption key', () => {
    const attempt = () => new RedisTokenStore({ redis: REDIS_URL, prefix })
    expect(attempt).toThrow(ConfigurationError)
    expect(attempt).toThrow(/allowPlaintext/)
    expect(() => new RedisTokenStore({ redis: REDIS_URL, prefix, allowPlaintext: false })).toThrow(
      ConfigurationError,
    )
  })

  it('stores plaintext only when allowPlaintext is true', async () => {
    const store = redis.store({ encryptionKey: undefined, allowPlaintext: true })
    const token = makeToken('plain')
    await store.set('p:key', token)
    expect(await redis.admin.hget(redis.keys.token('p:key'), 'data')).toBe(
      `p1.${JSON.stringify(token)}`,
    )
    expect(await store.get('p:key')).toEqual(token)
  })

  it.each([
    ['a short passphrase', 'too-short'],
    ['31 bytes', Buffer.alloc(31, 1)],
    ['a bad key id', { current: { id: 'has.dot', key: Buffer.alloc(32, 1) } }],
  ])('rejects %s without echoing the key', (_, encryptionKey) => {
    let error: unknown
    try {
      new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).not.toContain('too-short')
  })
})
