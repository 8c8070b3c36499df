import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { fakeClock, formBasic, postForm } from './support.js'

const clock = fakeClock()
let controlled: Emulator
let plain: Emulator

function bridgeftToken(emulator: Emulator): Promise<Response> {
  const { tokenUrl, clientId, clientSecret } = emulator.vendors.bridgeft
  return postForm(
    tokenUrl,
    { grant_type: 'client_credentials' },
    { authorization: formBasic(clientId, clientSecret) },
  )
}

const post = (url: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

beforeAll(async () => {
  controlled = await startEmulator({ controlRoutes: true, now: clock.now })
  plain = await startEmulator()
})
afterAll(async () => {
  await Promise.all([controlled.close(), plain.close()])
})

describe('control routes (controlRoutes: true, the CLI --faults)', () => {
  it('sets a fault over HTTP that hits the next token request, then clears itself', async () => {
    const set = await post(`${controlled.url}/_emulator/faults/bridgeft`, {
      status: 503,
      retryAfterSeconds: 2,
      times: 1,
    })
    expect(set.status).toBe(200)
    const faulted = await bridgeftToken(controlled)
    expect(faulted.status).toBe(503)
    expect(faulted.headers.get('retry-after')).toBe('2')
    expect((await bridgeftToken(controlled)).status).toBe(200)
    const stats = await (await fetch(`${controlled.url}/_emulator/stats/bridgeft`)).json()
    expect(stats).toMatchObject({ tokenRequests: 2, faultedRequests: 1 })
  })

  it('DELETE clears a fault; POST revoke makes the resource refuse earlier tokens', async () => {
    await post(`${controlled.url}/_emulator/faults/bridgeft`, { status: 500 })
    expect((await bridgeftToken(controlled)).status).toBe(500)
    await fetch(`${controlled.url}/_emulator/faults/bridgeft`, { method: 'DELETE' })
    const { AccessToken } = await (await bridgeftToken(controlled)).json()
    const accounts = () =>
      fetch(`${controlled.vendors.bridgeft.baseUrl}/v2/accounts`, {
        headers: { authorization: `Bearer ${AccessToken}` },
      })
    expect((await accounts()).status).toBe(200)
    clock.advance(1_000) // revocation refuses tokens issued strictly before it
    expect((await post(`${controlled.url}/_emulator/revoke/bridgeft`)).status).toBe(200)
    expect((await accounts()).status).toBe(401)
  })

  it('answers 400 naming the problem for an invalid fault and 404 for an unknown vendor', async () => {
    const bad = await post(`${controlled.url}/_emulator/faults/bridgeft`, { status: 42 })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error_description).toMatch(/fault\.status/)
    const unknown = await post(`${controlled.url}/_emulator/faults/nope`, { status: 503 })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error_description).toContain('bridgeft')
  })

  it('is off by default: the path is an ordinary 404 and sets nothing', async () => {
    const answer = await post(`${plain.url}/_emulator/faults/bridgeft`, { status: 503 })
    expect(answer.status).toBe(404)
    expect((await bridgeftToken(plain)).status).toBe(200)
  })
})
