import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { basicCredentials } from '../src/adapter/index.js'
import { clientCredentials, ManualClock, TokenManager } from '../src/index.js'
import { formEncode } from './support/internal.js'
import { startTokenServer, type TokenServer } from './support/token-server.js'

/** What a server does with a Basic header per RFC 6749 2.3.1: base64-decode, split at ':', form-decode. */
function decodeBasic(header: string): [string, string] {
  const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  const formDecode = (v: string) => decodeURIComponent(v.replace(/\+/g, ' '))
  return [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))]
}

describe('Basic client credentials (RFC 6749 2.3.1)', () => {
  it('form-encodes id and secret before base64', () => {
    expect(basicCredentials('BridgeFT', 'WealthTech')).toBe('Basic QnJpZGdlRlQ6V2VhbHRoVGVjaA==')
    expect(formEncode('a:b%c+d e')).toBe('a%3Ab%25c%2Bd+e')
    const header = basicCredentials('my:client id', 'se:cr%et+ü ')
    expect(Buffer.from(header.slice(6), 'base64').toString()).toBe(
      'my%3Aclient+id:se%3Acr%25et%2B%C3%BC+',
    )
    expect(decodeBasic(header)).toEqual(['my:client id', 'se:cr%et+ü '])
  })

  describe('on the wire', () => {
    let server: TokenServer
    let manager: TokenManager

    beforeEach(async () => {
      server = await startTokenServer()
      manager = new TokenManager({ clock: new ManualClock() })
    })
    afterEach(async () => {
      await manager.close()
      await server.close()
    })

    it('sends ids and secrets with reserved characters so that the server decodes them intact', async () => {
      const clientId = 'client:with%reserved+chars and spaces'
      const clientSecret = 'p@ss:w%rd+ /=?&'
      manager.register(
        'acme',
        clientCredentials({ tokenUrl: server.tokenUrl, clientId, clientSecret }),
      )
      await manager.getToken('acme')
      const [request] = server.requests
      expect(decodeBasic(String(request!.headers.authorization))).toEqual([clientId, clientSecret])
      expect(request!.form.get('grant_type')).toBe('client_credentials')
      expect(request!.form.has('client_secret')).toBe(false)
    })
  })
})
