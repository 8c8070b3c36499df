import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { formBasic, rawBasic } from './support.js'

let emulator: Emulator
let basic: string
let clientsUrl: string

beforeAll(async () => {
  emulator = await startEmulator()
  const { username, password, baseUrl } = emulator.vendors.wealthcom
  basic = rawBasic(username, password)
  clientsUrl = `${baseUrl}/v1/clients`
})
afterAll(() => emulator.close())

describe('Wealth.com Advisor API with Basic credentials', () => {
  it('lists clients (listClients), also at the documented trailing-slash path', async () => {
    for (const url of [clientsUrl, `${clientsUrl}/`]) {
      const res = await fetch(url, { headers: { authorization: basic } })
      expect(res.status).toBe(200)
      expect(((await res.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0)
    }
  })

  it('creates a client from the documented JSON body (createClient) and reads it back (getClient)', async () => {
    const res = await fetch(`${clientsUrl}/`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ advisor_id: 'cn4910ny98ec9vb3ghj', team_id: 'cn4910ny98ec9vb3ghj' }),
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string; advisor_id: string }
    expect(created.advisor_id).toBe('cn4910ny98ec9vb3ghj')
    const read = await fetch(`${clientsUrl}/${created.id}`, { headers: { authorization: basic } })
    expect(await read.json()).toEqual(created)
  })

  it('refuses missing or wrong credentials with 401 and a Basic challenge', async () => {
    const { username } = emulator.vendors.wealthcom
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: rawBasic(username, 'wrong') },
      { authorization: 'Bearer not-a-jwt' },
    ]
    for (const headers of attempts) {
      const res = await fetch(clientsUrl, { headers })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Basic realm=')
    }
  })

  it('refuses a non-JSON body (415) and a body without advisor_id/team_id (400)', async () => {
    const form = await fetch(clientsUrl, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'advisor_id=a&team_id=b',
    })
    expect(form.status).toBe(415)
    const incomplete = await fetch(clientsUrl, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ advisor_id: 'a' }),
    })
    expect(incomplete.status).toBe(400)
  })

  it('does not take the BridgeFT-style form-encoded Basic of a password with special characters', async () => {
    // Wealth.com documents plain Basic: form-encoding would change nothing for these fake values.
    const { username, password } = emulator.vendors.wealthcom
    expect(formBasic(username, password)).toBe(basic)
  })
})
