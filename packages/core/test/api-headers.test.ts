import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TokenManager, type TokenSource } from '../src/index.js'

// A resource server on loopback that records the headers of each request.
let server: Server
let url: string
const seen: IncomingHttpHeaders[] = []
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers)
    res.end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/resource`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

function source(apiHeaders?: Record<string, string>): TokenSource {
  return {
    kind: 'static',
    ...(apiHeaders ? { apiHeaders } : {}),
    requestToken: async () => ({ accessToken: 'at-1', tokenType: 'Bearer', expiresIn: 3600 }),
  }
}

describe("a source's apiHeaders on manager.fetch", () => {
  let manager: TokenManager
  beforeEach(() => {
    seen.length = 0
    manager = new TokenManager()
  })
  afterEach(() => manager.close())

  it('are sent by default, beside the Authorization header', async () => {
    manager.register('vendor', source({ Accept: 'application/json; version=1.0.0' }))
    await manager.fetch('vendor', url)
    expect(seen[0]).toMatchObject({
      accept: 'application/json; version=1.0.0',
      authorization: 'Bearer at-1',
    })
  })

  it("lose to the caller's own header, whatever its case", async () => {
    manager.register('vendor', source({ accept: 'application/json; version=1.0.0' }))
    await manager.fetch('vendor', url, { headers: { ACCEPT: 'text/csv', 'x-trace': '1' } })
    expect(seen[0]).toMatchObject({ accept: 'text/csv', 'x-trace': '1' })
  })

  it('a source without them sends only what the caller gave', async () => {
    manager.register('vendor', source())
    await manager.fetch('vendor', url, { headers: { 'x-trace': '1' } })
    expect(seen[0]?.accept).toBe('*/*') // undici's own default
  })
})
