import { AsyncLocalStorage } from 'node:async_hooks'
import { channel, subscribe, tracingChannel, unsubscribe } from 'node:diagnostics_channel'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type FetchContext,
  fetchOutcome,
  observeFetch,
  publishCacheLookup,
  publishEvict,
  publishInvalidate,
  publishRetry,
  publishSignIn,
  traceFetch,
  traceSignIn,
} from '../src/diagnostics.js'
import {
  AuthorizationCallbackError,
  DIAGNOSTICS_CHANNELS,
  diagnosticsKeyHash,
  InvalidTokenResponseError,
  NotSignedInError,
  type StoredToken,
  TokenEndpointUnavailableError,
  TokenRequestRejectedError,
  TokenRequestTimeoutError,
} from '../src/index.js'
import { startTokenServer } from './support/token-server.js'

const stored: StoredToken = {
  accessToken: 'at-SECRET-TOKEN-TEXT',
  tokenType: 'Bearer',
  issuedAt: 1_000_000,
  expiresAt: 1_000_000 + 3_600_000,
}
const entry = () => ({
  vendor: 'acme',
  key: 'acme:{"user":"alice@example.com"}',
  params: { user: 'alice@example.com' },
  source: { kind: 'authorization_code' },
  keyHash: undefined as string | undefined,
})

/** Subscribes to a plain channel for one test; returns what it received. */
const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})
function listen(name: string): unknown[] {
  const received: unknown[] = []
  const listener = (message: unknown) => received.push(message)
  subscribe(name, listener)
  cleanups.push(() => unsubscribe(name, listener))
  return received
}
type Event = [string, FetchContext, unknown]
function listenFetch(store?: AsyncLocalStorage<string>): Event[] {
  const events: Event[] = []
  const record = (name: string) => (message: unknown) =>
    events.push([name, { ...(message as FetchContext) }, store?.getStore()])
  const handlers = {
    start: record('start'),
    end: record('end'),
    asyncStart: record('asyncStart'),
    asyncEnd: record('asyncEnd'),
    error: record('error'),
  }
  tracingChannel(DIAGNOSTICS_CHANNELS.fetch).subscribe(handlers)
  cleanups.push(() => tracingChannel(DIAGNOSTICS_CHANNELS.fetch).unsubscribe(handlers))
  return events
}

describe('diagnosticsKeyHash', () => {
  it('is 12 base64url characters, stable across versions, and different per key', () => {
    expect(diagnosticsKeyHash('bridgeft')).toBe('FVbNDYbavduI') // sha256, base64url, 12 chars (checked with openssl)
    expect(diagnosticsKeyHash('bridgeft')).toMatch(/^[A-Za-z0-9_-]{12}$/)
    expect(diagnosticsKeyHash('bridgeft:{"firmIds":[39]}')).not.toBe(diagnosticsKeyHash('bridgeft'))
  })
})

describe('traceFetch', () => {
  it('without subscribers runs the fetch with no context and publishes nothing', async () => {
    let seen: unknown = 'not called'
    await traceFetch(entry(), { background: false, traceUserIds: false, now: () => 0 }, (c) => {
      seen = c
      return Promise.resolve(stored)
    })
    expect(seen).toBeUndefined()
  })

  it("start and end in the caller's async context, asyncEnd after the token, never the token", async () => {
    const store = new AsyncLocalStorage<string>()
    const events = listenFetch(store)
    let finish!: (token: StoredToken) => void
    const pending = store.run('caller', () =>
      traceFetch(entry(), { background: false, traceUserIds: false, now: () => 1_000_000 }, (c) => {
        c!.attempt++
        return new Promise<StoredToken>((resolve) => {
          finish = resolve
        })
      }),
    )
    expect(events.map(([name, , context]) => [name, context])).toEqual([
      ['start', 'caller'],
      ['end', 'caller'],
    ])
    finish(stored)
    await expect(pending).resolves.toBe(stored)
    expect(events.map(([name]) => name)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd'])
    const end = events[3]![1]
    expect(end).toMatchObject({
      vendor: 'acme',
      keyHash: diagnosticsKeyHash(entry().key),
      grant: 'authorization_code',
      background: false,
      attempt: 1,
      outcome: 'ok',
      expiresInSeconds: 3_600,
    })
    expect(end).not.toHaveProperty('user') // traceUserIds off
    expect(JSON.stringify(events)).not.toMatch(/SECRET-TOKEN|alice/)
    expect(Object.keys(end)).not.toContain('result')
  })

  it('a failure publishes error then asyncEnd with the outcome, code, status and OAuth error', async () => {
    const events = listenFetch()
    const error = new TokenRequestRejectedError('rejected', {
      httpStatus: 401,
      oauthError: 'invalid_client',
    })
    const pending = traceFetch(
      entry(),
      { background: true, traceUserIds: true, now: () => 0 },
      () => Promise.reject(error),
    )
    await expect(pending).rejects.toBe(error)
    expect(events.map(([name]) => name)).toEqual([
      'start',
      'end',
      'error',
      'asyncStart',
      'asyncEnd',
    ])
    expect(events[4]![1]).toMatchObject({
      background: true,
      user: 'alice@example.com', // traceUserIds on
      outcome: 'rejected',
      errorCode: 'token_rejected',
      httpStatus: 401,
      oauthError: 'invalid_client',
    })
  })

  it('each fetch has its own id', async () => {
    const events = listenFetch()
    const options = { background: false, traceUserIds: false, now: () => 0 }
    await traceFetch(entry(), options, () => Promise.resolve(stored))
    await traceFetch(entry(), options, () => Promise.resolve(stored))
    const ids = events.filter(([name]) => name === 'start').map(([, c]) => c.id)
    expect(new Set(ids).size).toBe(2)
  })
})

describe('fetchOutcome', () => {
  it('maps the typed errors to the five outcomes', () => {
    expect(fetchOutcome(new TokenRequestTimeoutError('t'))).toBe('timeout')
    expect(fetchOutcome(new TokenRequestRejectedError('r', { httpStatus: 400 }))).toBe('rejected')
    expect(fetchOutcome(new NotSignedInError('n'))).toBe('rejected')
    expect(fetchOutcome(new InvalidTokenResponseError('i'))).toBe('invalid_response')
    expect(fetchOutcome(new TokenEndpointUnavailableError('u'))).toBe('unavailable')
    expect(fetchOutcome(new Error('a source of its own'))).toBe('unavailable')
  })
})

describe('observeFetch', () => {
  it('records the host asked and the status answered; a request with no answer clears the status', async () => {
    const server = await startTokenServer()
    try {
      server.script({ status: 503 })
      const context = { attempt: 1 } as FetchContext
      const fetch = observeFetch(context, globalThis.fetch)
      await (await fetch(server.tokenUrl, { method: 'POST' })).text()
      expect(context).toMatchObject({ serverAddress: '127.0.0.1', httpStatus: 503 })
      await expect(fetch('http://127.0.0.1:1/token')).rejects.toThrow()
      expect(context.httpStatus).toBeUndefined()
      expect(observeFetch(undefined, globalThis.fetch)).toBe(globalThis.fetch)
    } finally {
      await server.close()
    }
  })
})

describe('plain channels', () => {
  it("cache: one message per lookup; the hash is computed once and kept in the entry's slot", () => {
    const received = listen(DIAGNOSTICS_CHANNELS.cache)
    const subject = entry()
    publishCacheLookup(subject, 'hit', false)
    expect(subject.keyHash).toBe(diagnosticsKeyHash(subject.key))
    subject.keyHash = 'slot-value'
    publishCacheLookup(subject, 'wait', true, 7)
    expect(received).toEqual([
      {
        vendor: 'acme',
        keyHash: diagnosticsKeyHash(subject.key),
        result: 'hit',
        fetchId: undefined,
        user: undefined,
      },
      {
        vendor: 'acme',
        keyHash: 'slot-value',
        result: 'wait',
        fetchId: 7,
        user: 'alice@example.com',
      },
    ])
  })

  it('retry: the failed request number (from 1), the delay, the error code and status', () => {
    const received = listen(DIAGNOSTICS_CHANNELS.retry)
    const context = { id: 3, vendor: 'acme', keyHash: 'h' } as FetchContext
    publishRetry(context, new TokenEndpointUnavailableError('u', { httpStatus: 503 }), 0, 100)
    publishRetry(undefined, new Error('x'), 1, 5) // an untraced fetch: nothing
    expect(received).toEqual([
      {
        fetchId: 3,
        vendor: 'acme',
        keyHash: 'h',
        attempt: 1,
        delayMs: 100,
        reason: 'endpoint_unavailable',
        httpStatus: 503,
      },
    ])
  })

  it('invalidate, evict and signin carry the key hash, never the raw key; the user only when traced', () => {
    const invalidated = listen(DIAGNOSTICS_CHANNELS.invalidate)
    const evicted = listen(DIAGNOSTICS_CHANNELS.evict)
    const signIns = listen(DIAGNOSTICS_CHANNELS.signin)
    publishInvalidate(entry(), 'unauthorized', false)
    publishEvict(entry(), 'idle', false)
    publishSignIn(entry(), 'callback', 'refused', true, 'state_expired')
    const keyHash = diagnosticsKeyHash(entry().key)
    expect(invalidated).toEqual([{ vendor: 'acme', keyHash, reason: 'unauthorized' }])
    expect(evicted).toEqual([{ vendor: 'acme', keyHash, reason: 'idle' }])
    expect(signIns).toEqual([
      {
        vendor: 'acme',
        keyHash,
        step: 'callback',
        outcome: 'refused',
        reason: 'state_expired',
        user: 'alice@example.com',
      },
    ])
    expect(JSON.stringify([invalidated, evicted])).not.toContain('alice')
    expect(channel(DIAGNOSTICS_CHANNELS.invalidate).hasSubscribers).toBe(true)
  })
})

describe('traceSignIn', () => {
  it('ok when the step resolves, refused with the reason of an AuthorizationCallbackError, nothing for other errors', async () => {
    const received = listen(DIAGNOSTICS_CHANNELS.signin)
    await traceSignIn('wealthcom', 'u1', 'login', false, Promise.resolve(1))
    const refusal = new AuthorizationCallbackError('expired', { reason: 'state_expired' })
    await expect(
      traceSignIn('wealthcom', 'u1', 'callback', false, Promise.reject(refusal)),
    ).rejects.toBe(refusal)
    await expect(
      traceSignIn('wealthcom', 'u1', 'callback', false, Promise.reject(new Error('down'))),
    ).rejects.toThrow('down')
    await traceSignIn('wealthcom', undefined, 'login', false, Promise.resolve(1)) // no user: nothing
    await traceSignIn('wealthcom', 'u1', 'sign_out', true, Promise.resolve(1), 'sign_out')
    const keyHash = diagnosticsKeyHash('wealthcom:{"user":"u1"}')
    expect(received).toEqual([
      { vendor: 'wealthcom', keyHash, step: 'login', outcome: 'ok' },
      {
        vendor: 'wealthcom',
        keyHash,
        step: 'callback',
        outcome: 'refused',
        reason: 'state_expired',
      },
      {
        vendor: 'wealthcom',
        keyHash,
        step: 'sign_out',
        outcome: 'ok',
        reason: 'sign_out',
        user: 'u1',
      },
    ])
  })
})
