import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TokenManager } from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import type { TokenServer } from './support/token-server.js'

describe('manager.fetch', () => {
  let server: TokenServer
  let manager: TokenManager
  let acme: Acme

  beforeEach(async () => {
    acme = await startAcme()
    ;({ server, manager } = acme)
  })
  afterEach(() => acme.close())

  it("adds the Authorization header and keeps the caller's headers", async () => {
    const response = await manager.fetch('acme', `${server.url}/resource`, {
      headers: { 'x-trace': 'abc' },
    })
    expect(response.status).toBe(200)
    const [request] = server.resourceRequests
    expect(request!.headers.authorization).toBe(`Bearer ${server.issued[0]}`)
    expect(request!.headers['x-trace']).toBe('abc')
  })

  it('after a 401 invalidates the token, fetches a new one and retries once', async () => {
    const invalidated: unknown[] = []
    manager.on('invalidated', (event) => invalidated.push(event))
    await manager.getToken('acme')
    server.revoke() // the vendor revoked the token early
    const response = await manager.fetch('acme', `${server.url}/resource`)
    expect(response.status).toBe(200)
    expect(server.requests).toHaveLength(2)
    expect(server.resourceRequests).toHaveLength(2)
    expect(server.resourceRequests[1]!.headers.authorization).toBe(`Bearer ${server.issued[1]}`)
    expect(invalidated).toEqual([{ vendor: 'acme', key: 'acme', remote: false }])
  })

  it('never loops: a second 401 is returned to the caller', async () => {
    await manager.getToken('acme')
    server.rejectAllResourceRequests()
    const response = await manager.fetch('acme', `${server.url}/resource`)
    expect(response.status).toBe(401)
    expect(server.resourceRequests).toHaveLength(2)
    expect(server.requests).toHaveLength(2)
  })

  it('drops a token only once when many requests fail with it', async () => {
    await manager.getToken('acme')
    server.revoke()
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => manager.fetch('acme', `${server.url}/resource`)),
    )
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  it('does not replay a streamed body after a 401', async () => {
    await manager.getToken('acme')
    server.rejectAllResourceRequests()
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{}'))
        controller.close()
      },
    })
    const init = { method: 'POST', body, duplex: 'half' } as RequestInit
    const response = await manager.fetch('acme', `${server.url}/resource`, init)
    expect(response.status).toBe(401)
    expect(server.resourceRequests).toHaveLength(1)
  })
})
