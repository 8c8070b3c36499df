import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  clientCredentials,
  InvalidTokenResponseError,
  ManualClock,
  TokenManager,
} from '../src/index.js'
import { type Answer, startTokenServer, type TokenServer } from './support/token-server.js'

const TOKEN = 'AT-very-secret-access-token-value-123'
const SECRET = 'client-secret-that-must-not-leak'

const badAnswers: Array<[string, Answer]> = [
  ['a body that is not JSON', { body: `access_token=${TOKEN}` }],
  [
    'an HTML error page with status 200',
    { body: `<html><body>${TOKEN}</body></html>`, headers: { 'content-type': 'text/html' } },
  ],
  [
    'an HTML page labelled JSON',
    { body: `<!doctype html><p>${TOKEN}</p>`, headers: { 'content-type': 'application/json' } },
  ],
  ['a JSON array', { json: [TOKEN] }],
  ['no access token', { json: { token_type: 'Bearer', expires_in: 3600 } }],
  ['an empty access token', { json: { access_token: '', expires_in: 3600 } }],
  ['an access token that is not a string', { json: { access_token: 42, expires_in: 3600 } }],
  ['a negative expires_in', { json: { access_token: TOKEN, expires_in: -5 } }],
  ['expires_in "NaN"', { json: { access_token: TOKEN, expires_in: 'NaN' } }],
  ['a non-numeric expires_in', { json: { access_token: TOKEN, expires_in: 'one hour' } }],
  [
    'an absurd expires_in (10 years)',
    { json: { access_token: TOKEN, expires_in: 10 * 365 * 86_400 } },
  ],
  ['an expires_in of the wrong type', { json: { access_token: TOKEN, expires_in: true } }],
  [
    'a token_type that is not bearer',
    { json: { access_token: TOKEN, token_type: 'mac', expires_in: 3600 } },
  ],
  ['a body over 1 MB (streamed)', { hugeBytes: 2 * 1024 * 1024 }],
  [
    'a body over 1 MB (declared)',
    { body: `{"access_token":"${TOKEN}","pad":"${'x'.repeat(1024 * 1024)}"}` },
  ],
]

describe('bad answers from the token endpoint', () => {
  let server: TokenServer
  let manager: TokenManager

  beforeEach(async () => {
    server = await startTokenServer()
    manager = new TokenManager({ clock: new ManualClock(), retry: { retries: 3 } })
    manager.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: SECRET }),
    )
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  for (const [what, answer] of badAnswers) {
    it(`rejects ${what} with InvalidTokenResponseError, leaking nothing`, async () => {
      server.setDefault(answer)
      const error = await manager.getToken('acme').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidTokenResponseError)
      expect(error).toMatchObject({ vendor: 'acme', code: 'invalid_response', status: 502 })
      const shown = `${(error as Error).message} ${JSON.stringify(error)} ${String(error)}`
      expect(shown).not.toContain(TOKEN)
      expect(shown).not.toContain(SECRET)
      expect(server.requests).toHaveLength(1) // not retried
    })
  }

  it('accepts bearer in any case and a missing token_type as Bearer', async () => {
    server.script({ json: { access_token: 'a-token-value', token_type: 'bEaReR', expires_in: 60 } })
    expect((await manager.getToken('acme', { scopes: ['a'] })).tokenType).toBe('Bearer')
    server.script({ json: { access_token: 'b-token-value', expires_in: 60 } })
    const token = await manager.getToken('acme', { scopes: ['b'] })
    expect(token.tokenType).toBe('Bearer')
    expect(token.authorization).toBe('Bearer b-token-value')
  })

  it('accepts another token_type when the source allows it', async () => {
    const inner = clientCredentials({
      tokenUrl: server.tokenUrl,
      clientId: 'id',
      clientSecret: SECRET,
    })
    manager.register('basic', {
      kind: 'static',
      allowedTokenTypes: ['Basic'],
      requestToken: (context) => inner.requestToken(context),
    })
    server.script({ json: { access_token: 'dXNlcjpwYXNz', token_type: 'basic', expires_in: 3600 } })
    const token = await manager.getToken('basic')
    expect(token.authorization).toBe('Basic dXNlcjpwYXNz')
  })
})
