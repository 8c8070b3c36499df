import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

/** A Lua script run with EVALSHA, falling back to EVAL once when Redis does not know it. */
export interface LuaScript {
  readonly source: string
  readonly sha: string
}

function lua(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') }
}

/**
 * Writes a token unless the stored one was issued later (the fencing rule: a holder whose lock
 * expired cannot overwrite a newer token). The stored `issuedAt` is in clear, so anyone who can
 * write Redis could plant a far-future one and block every later write: a stored value outside
 * [ARGV[4], ARGV[5]] (now - 1 year, now + 1 day) is ignored. KEYS[1] token hash; ARGV issuedAt,
 * data, expireAt ms (`0`: no expiry), lowest and highest trusted issuedAt. Returns 1 when
 * written, else the newer stored data.
 */
export const WRITE_IF_NOT_OLDER = lua(`
local stored = tonumber(redis.call('HGET', KEYS[1], 'issuedAt'))
if stored and stored >= tonumber(ARGV[4]) and stored <= tonumber(ARGV[5])
  and stored > tonumber(ARGV[1]) then
  return redis.call('HGET', KEYS[1], 'data')
end
redis.call('HSET', KEYS[1], 'issuedAt', ARGV[1], 'data', ARGV[2])
if ARGV[3] == '0' then
  redis.call('PERSIST', KEYS[1])
else
  redis.call('PEXPIREAT', KEYS[1], ARGV[3])
end
return 1
`)

/**
 * Reads and deletes a token hash in one step (GETDEL for a hash): a single-use value such as a
 * sign-in's state is handed to one caller in the whole fleet. KEYS[1] token hash.
 */
export const TAKE = lua(`
local data = redis.call('HGET', KEYS[1], 'data')
if data then
  redis.call('DEL', KEYS[1])
end
return data
`)

/** Deletes the lock only if it still holds our fencing value. KEYS[1] lock; ARGV fence. */
export const RELEASE_LOCK = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

/** Extends the lock only if it still holds our fencing value. KEYS[1] lock; ARGV fence, ttl ms. */
export const RENEW_LOCK = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`)

/** Runs a script by SHA; loads it with EVAL when the server answers NOSCRIPT. */
export async function runScript(
  client: Redis,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args)
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
    return await client.eval(script.source, keys.length, ...keys, ...args)
  }
}
