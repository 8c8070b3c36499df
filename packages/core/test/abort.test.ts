import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TokenManager } from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import { gate, type TokenServer } from './support/token-server.js'

describe('AbortSignal', () => {
  let server: TokenServer
  let manager: TokenManager
  let acme: Acme

  beforeEach(async () => {
    acme = await startAcme()
    ;({ server, manager } = acme)
  })
  afterEach(() => acme.close())

  it('cancels one waiter without cancelling the fetch shared with the others', async () => {
    const answer = gate()
    server.script({ gate: answer.promise })
    const controller = new AbortController()
    const cancelled = manager.getToken('acme', undefined, { signal: controller.signal })
    const others = [
      manager.getToken('acme'),
      manager.getToken('acme', undefined, { signal: new AbortController().signal }),
    ]
    await server.waitForRequests(1)
    controller.abort()
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' })
    answer.open()
    const [a, b] = await Promise.all(others)
    expect(a).toBe(b)
    expect(a!.accessToken).toBe(server.issued[0])
    expect(server.requests).toHaveLength(1)
    // The fetch finished and was cached even for the caller that left.
    expect(
      await manager.getToken('acme', undefined, { signal: controller.signal }).catch((e) => e),
    ).toMatchObject({
      name: 'AbortError',
    })
    expect(await manager.getToken('acme')).toBe(a)
  })

  it("rejects with the signal's own reason", async () => {
    server.script({ gate: gate().promise })
    const controller = new AbortController()
    const pending = manager.getToken('acme', undefined, { signal: controller.signal })
    await server.waitForRequests(1)
    const reason = new Error('client went away')
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
  })

  it('does not start a fetch for an already aborted signal', async () => {
    await expect(
      manager.getToken('acme', undefined, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(server.requests).toHaveLength(0)
  })
})
