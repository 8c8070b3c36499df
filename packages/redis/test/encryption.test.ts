import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisTokenStore } from '../src/index.js'
import {
  adminClient,
  deleteKeys,
  makeToken,
  REDIS_URL,
  testKey,
  uniquePrefix,
} from './helpers/redis.js'

describe('encryption at rest', () => {
  const prefix = uniquePrefix('encryption')
  let admin: Redis
  let store: RedisTokenStore

  beforeAll(() => {
    admin = adminClient()
    store = new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey: testKey() })
  })

  afterAll(async () => {
    await store.close()
    await deleteKeys(admin, prefix)
    admin.disconnect()
  })

  it('keeps no token text in Redis and reads it back', async () => {
    const token = { ...makeToken('enc'), refreshToken: 'refresh-secret-value', scope: 'read' }
    await store.set('bridgeft:a', token)

    const raw = await admin.hgetall(`${prefix}token:bridgeft:a`)
    const everything = JSON.stringify(raw)
    expect(everything).not.toContain(token.accessToken)
    expect(everything).not.toContain('refresh-secret-value')
    expect(raw.data).toMatch(/^v1\.default\./)
    expect(Number(raw.issuedAt)).toBe(token.issuedAt)
    expect(await store.get('bridgeft:a')).toEqual(token)
  })

  it('ignores a value moved to another key or altered, with a warning that holds no token', async () => {
    const token = makeToken('moved')
    await store.set('bridgeft:source', token)
    const data = await admin.hget(`${prefix}token:bridgeft:source`, 'data')
    const warnings: { code: string; message: string }[] = []
    store.on('warning', (warning) => warnings.push(warning))

    await admin.hset(`${prefix}token:bridgeft:moved`, 'issuedAt', token.issuedAt, 'data', data!)
    expect(await store.get('bridgeft:moved')).toBeUndefined()

    const altered = `${data!.slice(0, -4)}AAAA`
    await admin.hset(`${prefix}token:bridgeft:source`, 'data', altered)
    expect(await store.get('bridgeft:source')).toBeUndefined()

    expect(warnings.map((w) => w.code)).toEqual(['unreadable_token', 'unreadable_token'])
    expect(JSON.stringify(warnings)).not.toContain(token.accessToken)
  })

  it('refuses a plaintext value planted under an encrypting store', async () => {
    const planted = makeToken('planted')
    await admin.hset(
      `${prefix}token:bridgeft:planted`,
      'issuedAt',
      planted.issuedAt,
      'data',
      `p1.${JSON.stringify(planted)}`,
    )
    expect(await store.get('bridgeft:planted')).toBeUndefined()
  })
})
