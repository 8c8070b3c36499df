import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { basicCredentials } from '../src/adapter/index.js'
import {
  clientCredentials,
  ManualClock,
  TokenManager,
  type TokenManagerOptions,
} from '../src/index.js'
import { recordingLogger } from './support/helpers.js'
import { redact } from './support/internal.js'
import { fakeJwt, startTokenServer, type TokenServer } from './support/token-server.js'

const SECRET = 'Sup3r-Secret-Client-Value'
const ACCESS = fakeJwt({ sub: 'client', exp: 4_102_444_800 })
/** The parts of a secret that must never show: the whole, and its Basic encoding. */
const forbidden = [
  SECRET,
  ACCESS,
  ACCESS.split('.')[2]!,
  basicCredentials('client-id', SECRET).slice(6),
]

function everyView(value: unknown): string {
  return [
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: false }),
    String(value),
    `${value}`,
  ].join('\n')
}

function expectNoSecret(text: string): void {
  for (const secret of forbidden) expect(text).not.toContain(secret)
}

describe('redaction', () => {
  let server: TokenServer
  let logger: ReturnType<typeof recordingLogger>
  let options: TokenManagerOptions
  let manager: TokenManager
  const events: unknown[] = []

  beforeEach(async () => {
    server = await startTokenServer()
    logger = recordingLogger()
    options = { clock: new ManualClock(), logger, retry: { retries: 0 } }
    manager = new TokenManager(options)
    manager.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'client-id', clientSecret: SECRET }),
    )
    for (const name of ['fetched', 'refreshed', 'failed', 'invalidated', 'warning'] as const) {
      manager.on(name, (event: unknown) => events.push(event))
    }
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  it('hides the access token in a token, yet keeps it readable as a property', async () => {
    server.script({ json: { access_token: ACCESS, token_type: 'Bearer', expires_in: 3600 } })
    const token = await manager.getToken('acme')
    expect(token.accessToken).toBe(ACCESS)
    expect(token.authorization).toBe(`Bearer ${ACCESS}`)
    expectNoSecret(everyView(token))
    expect(JSON.parse(JSON.stringify(token))).toMatchObject({
      accessToken: redact(ACCESS),
      tokenType: 'Bearer',
    })
    expectNoSecret(everyView(manager.status()))
  })

  it('hides secrets in the manager, its sources, its options, status, events and logs', async () => {
    server.script({ json: { access_token: ACCESS, expires_in: 3600 } })
    await manager.getToken('acme')
    await manager.invalidate('acme')
    server.script({
      status: 401,
      json: { error: 'invalid_client', error_description: `bad secret ${SECRET}` },
    })
    await manager.getToken('acme').catch(() => {})
    for (const value of [
      manager,
      manager.sources,
      manager.sources.get('acme'),
      options,
      manager.status(),
      events,
    ]) {
      expectNoSecret(everyView(value))
    }
    expectNoSecret(everyView(logger.lines))
    expect(events.length).toBeGreaterThan(0)
  })

  it('hides secrets and tokens in errors, whatever the endpoint echoed', async () => {
    const answers = [
      {
        status: 400,
        json: { error: 'invalid_client', error_description: SECRET, access_token: ACCESS },
      },
      { status: 503, body: `upstream said ${SECRET} ${ACCESS}` },
      { json: { access_token: ACCESS, token_type: 'weird', expires_in: 60 } },
      { body: `<html>${ACCESS}</html>`, headers: { 'content-type': 'text/html' } },
    ]
    for (const [i, answer] of answers.entries()) {
      server.script(answer)
      const error = await manager.getToken('acme', { scopes: [`s${i}`] }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Error)
      expectNoSecret(everyView(error))
      expectNoSecret(everyView({ error }))
    }
  })

  it('redact keeps 4 characters of long values and nothing of short ones', () => {
    expect(redact('abcdefghijklmnop')).toBe('abcd…')
    expect(redact('short')).toBe('…')
  })
})
