import { randomBytes } from 'node:crypto'
import type { StoredToken } from '@vendor-token/core'
import { Redis } from 'ioredis'

/** The Redis server the tests use (real, shared with other test files). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A key prefix no other test file (or run) uses. */
export function uniquePrefix(name: string): string {
  return `vt-test:${name}:${randomBytes(4).toString('hex')}:`
}

/** A plain client for the test's own reads and admin commands. */
export function adminClient(): Redis {
  return new Redis(REDIS_URL, { connectionName: 'vt-test-admin', maxRetriesPerRequest: 1 })
}

/** Deletes every key of a store under `prefix` (`{<prefix><keyHash>}:...`, and any `<prefix>...`). */
export async function deleteKeys(client: Redis, prefix: string): Promise<void> {
  for (const pattern of [`{${prefix}*`, `${prefix}*`]) {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500)
      if (keys.length > 0) await client.del(...keys)
      cursor = next
    } while (cursor !== '0')
  }
}

/** Kills every connection whose CLIENT SETNAME starts with `name`; returns how many. */
export async function killConnections(client: Redis, name: string): Promise<number> {
  const list = (await client.client('LIST')) as string
  let killed = 0
  for (const line of list.split('\n')) {
    const id = /(?:^| )id=(\d+)/.exec(line)?.[1]
    const connectionName = /(?:^| )name=(\S*)/.exec(line)?.[1]
    if (id && connectionName?.startsWith(name)) {
      killed += Number(await client.client('KILL', 'ID', id))
    }
  }
  return killed
}

/** A 32-byte key for tests. */
export function testKey(): Buffer {
  return randomBytes(32)
}

/** A token issued at `issuedAt`, valid for an hour from then. */
export function makeToken(label: string, issuedAt = Date.now()): StoredToken {
  return {
    accessToken: `access-${label}-${randomBytes(8).toString('hex')}`,
    tokenType: 'Bearer',
    issuedAt,
    expiresAt: issuedAt + 3_600_000,
  }
}

/** A promise with its resolve exposed. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** Polls `check` until it is true or `timeoutMs` passes. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
