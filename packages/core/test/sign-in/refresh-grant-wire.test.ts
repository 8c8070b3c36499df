import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { basicCredentials } from '../../src/adapter/index.js'
import {
  authorizationCode,
  ManualClock,
  NotSignedInError,
  type StoredToken,
  TokenManager,
} from '../../src/index.js'
import { RecordingStore } from '../support/recording-store.js'
import { startTokenServer, type TokenServer, tokenBody } from '../support/token-server.js'

// The refresh_token grant on the wire, against a plain token server that does NOT rotate
// refresh tokens (the emulator's provider always does).
let server: TokenServer
let manager: TokenManager
let store: RecordingStore
const clock = new ManualClock()
const user = 'u1'

function held(refreshToken: string): StoredToken {
  const now = clock.now()
  return {
    accessToken: 'at-0',
    tokenType: 'Bearer',
    issuedAt: now,
    expiresAt: now + 60_000,
    refreshToken,
  }
}

beforeEach(async () => {
  server = await startTokenServer()
  store = new RecordingStore()
  manager = new TokenManager({ clock, store, retry: { retries: 0 } })
  manager.register(
    'acme',
    authorizationCode({
      endpoints: { authorization: `${server.url}/authorize`, token: server.tokenUrl },
      clientId: 'app',
      clientSecret: 's3cret:/+',
      redirectUri: 'http://127.0.0.1:1/cb',
      scopes: ['read'],
    }),
  )
})
afterEach(async () => {
  await manager.close()
  await server.close()
})

describe('refresh_token grant', () => {
  it('sends grant_type, the refresh token and the client authentication', async () => {
    await manager.setToken('acme', { user }, held('rt-1'))
    clock.advance(60_000)
    await manager.getToken('acme', { user })
    const [request] = server.requests
    expect(Object.fromEntries(request!.form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
    })
    expect(request!.headers.authorization).toBe(basicCredentials('app', 's3cret:/+'))
  })

  it('keeps the old refresh token when the answer has no new one', async () => {
    await manager.setToken('acme', { user }, held('rt-1'))
    clock.advance(60_000)
    await manager.getToken('acme', { user }) // answer without refresh_token
    expect(store.tokens.get('acme:{"user":"u1"}')?.refreshToken).toBe('rt-1')
    clock.advance(3_600_000)
    await manager.getToken('acme', { user })
    expect(server.requests.map((r) => r.form.get('refresh_token'))).toEqual(['rt-1', 'rt-1'])
  })

  it('uses a rotated refresh token from the answer', async () => {
    server.script({ json: tokenBody({ refresh_token: 'rt-2' }) })
    await manager.setToken('acme', { user }, held('rt-1'))
    clock.advance(60_000)
    await manager.getToken('acme', { user })
    clock.advance(3_600_000)
    await manager.getToken('acme', { user })
    expect(server.requests.map((r) => r.form.get('refresh_token'))).toEqual(['rt-1', 'rt-2'])
  })

  it('invalid_grant: NotSignedInError (401), the user signed out, no second request', async () => {
    server.script({ status: 400, json: { error: 'invalid_grant' } })
    const signedOut: unknown[] = []
    manager.on('signedOut', (event) => signedOut.push(event))
    await manager.setToken('acme', { user }, held('rt-1'))
    clock.advance(60_000)
    const error = await manager.getToken('acme', { user }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotSignedInError)
    expect(error).toMatchObject({ status: 401, cause: { oauthError: 'invalid_grant' } })
    expect(signedOut).toEqual([
      { vendor: 'acme', key: 'acme:{"user":"u1"}', user, reason: 'refresh_rejected' },
    ])
    expect(store.tokens.has('acme:{"user":"u1"}')).toBe(false)
    clock.advance(60_000) // past the failure cool-down
    await expect(manager.getToken('acme', { user })).rejects.toBeInstanceOf(NotSignedInError)
    expect(server.requests).toHaveLength(1)
    expect(signedOut).toHaveLength(1)
  })

  it('a public client sends client_id and no Authorization header', async () => {
    const pub = new TokenManager({ clock, retry: { retries: 0 } })
    pub.register(
      'acme',
      authorizationCode({
        endpoints: { authorization: `${server.url}/authorize`, token: server.tokenUrl },
        clientId: 'spa',
        redirectUri: 'http://127.0.0.1:1/cb',
        scopes: [],
      }),
    )
    try {
      await pub.setToken('acme', { user }, held('rt-9'))
      clock.advance(60_000)
      await pub.getToken('acme', { user })
      expect(Object.fromEntries(server.requests[0]!.form)).toEqual({
        grant_type: 'refresh_token',
        refresh_token: 'rt-9',
        client_id: 'spa',
      })
      expect(server.requests[0]!.headers.authorization).toBeUndefined()
    } finally {
      await pub.close()
    }
  })
})
