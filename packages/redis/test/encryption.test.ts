import { describe, expect, it } from 'vitest'
import type { RedisTokenStore } from '../src/index.js'
import { makeToken } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'

describe('encryption at rest', () => {
  const redis = useSharedRedis('encryption')
  const { keys } = redis
  let warnings: { code: string; message: string }[] = []

  /** A store that records its warnings. */
  function store(): RedisTokenStore {
    const created = redis.store()
    warnings = []
    created.on('warning', (warning) => warnings.push(warning))
    return created
  }

  it('keeps no token text in Redis and reads it back', async () => {
    const token = { ...makeToken('enc'), refreshToken: 'refresh-secret-value', scope: 'read' }
    const tokens = store()
    await tokens.set('bridgeft:a', token)

    const raw = await redis.admin.hgetall(keys.token('bridgeft:a'))
    const everything = JSON.stringify(raw)
    expect(everything).not.toContain(token.accessToken)
    expect(everything).not.toContain('refresh-secret-value')
    expect(raw.data).toMatch(/^v1\.default\./)
    expect(Number(raw.issuedAt)).toBe(token.issuedAt)
    expect(await tokens.get('bridgeft:a')).toEqual(token)
  })

  it('ignores a value moved to another key or altered, with a warning that holds no token', async () => {
    const tokens = store()
    const token = makeToken('moved')
    await tokens.set('bridgeft:source', token)
    const data = await redis.admin.hget(keys.token('bridgeft:source'), 'data')

    await redis.admin.hset(keys.token('bridgeft:moved'), 'issuedAt', token.issuedAt, 'data', data!)
    expect(await tokens.get('bridgeft:moved')).toBeUndefined()

    const altered = `${data!.slice(0, -4)}AAAA`
    await redis.admin.hset(keys.token('bridgeft:source'), 'data', altered)
    expect(await tokens.get('bridgeft:source')).toBeUndefined()

    expect(warnings.map((w) => w.code)).toEqual(['unreadable_token', 'unreadable_token'])
    expect(JSON.stringify(warnings)).not.toContain(token.accessToken)
  })

  it('refuses a GCM tag cut to 4 bytes: a miss and a warning', async () => {
    const tokens = store()
    const token = makeToken('short-tag')
    await tokens.set('bridgeft:short-tag', token)
    const [version, keyId, iv, tag, body] = (await redis.admin.hget(
      keys.token('bridgeft:short-tag'),
      'data',
    ))!.split('.')
    const shortTag = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url')
    await redis.admin.hset(
      keys.token('bridgeft:short-tag'),
      'data',
      [version, keyId, iv, shortTag, body].join('.'),
    )

    expect(await tokens.get('bridgeft:short-tag')).toBeUndefined()
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'unreadable_token', key: 'bridgeft:short-tag' }),
    ])
    expect(warnings[0]!.message).toMatch(/4-byte tag/)
  })

  it('refuses a plaintext value planted under an encrypting store', async () => {
    const planted = makeToken('planted')
    await redis.admin.hset(
      keys.token('bridgeft:planted'),
      'issuedAt',
      planted.issuedAt,
      'data',
      `p1.${JSON.stringify(planted)}`,
    )
    expect(await store().get('bridgeft:planted')).toBeUndefined()
  })
})
