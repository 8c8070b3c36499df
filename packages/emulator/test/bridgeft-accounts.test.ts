import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { fakeClock, formBasic, postForm } from './support.js'

const clock = fakeClock()
let emulator: Emulator

async function token(emu: Emulator, firmIds?: string): Promise<string> {
  const { tokenUrl, clientId, clientSecret } = emu.vendors.bridgeft
  const fields: Record<string, string> = { grant_type: 'client_credentials' }
  if (firmIds) fields.firm_ids = firmIds
  const res = await postForm(tokenUrl, fields, { authorization: formBasic(clientId, clientSecret) })
  return ((await res.json()) as { AccessToken: string }).AccessToken
}

function accounts(emu: Emulator, authorization?: string): Promise<Response> {
  return fetch(`${emu.vendors.bridgeft.baseUrl}/v2/accounts`, {
    headers: authorization ? { authorization } : {},
  })
}

beforeAll(async () => {
  emulator = await startEmulator({ now: clock.now })
})
afterAll(() => emulator.close())

describe('BridgeFT accounts', () => {
  it('returns every firm for an unscoped token', async () => {
    const res = await accounts(emulator, `Bearer ${await token(emulator)}`)
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as { data: Array<{ firm_id: number }> }
    expect(new Set(data.map((account) => account.firm_id))).toEqual(new Set([39, 792, 1001]))
  })

  it('returns only the firms the token is scoped to', async () => {
    const res = await accounts(emulator, `Bearer ${await token(emulator, '792')}`)
    const { data } = (await res.json()) as { data: Array<{ firm_id: number }> }
    expect(data.length).toBeGreaterThan(0)
    expect(data.every((account) => account.firm_id === 792)).toBe(true)
  })

  it('refuses a missing, malformed or tampered token with 401', async () => {
    const good = await token(emulator)
    const [header, payload, signature] = good.split('.')
    const forged = Buffer.from(payload!, 'base64url')
      .toString()
      .replace('"firm_ids":null', '"firm_ids":[1001]')
    const tampered = `${header}.${Buffer.from(forged).toString('base64url')}.${signature}`
    for (const authorization of [
      undefined,
      'Bearer not-a-jwt',
      `Bearer ${tampered}`,
      `Basic ${good}`,
    ]) {
      const res = await accounts(emulator, authorization)
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /)
    }
  })

  it('refuses a token signed by another emulator (another key)', async () => {
    const other = await startEmulator()
    try {
      const res = await accounts(emulator, `Bearer ${await token(other)}`)
      expect(res.status).toBe(401)
    } finally {
      await other.close()
    }
  })

  it('refuses an expired token with 401 and counts it as rejectedExpired', async () => {
    const expiring = await token(emulator)
    const before = emulator.stats('bridgeft')
    clock.advance(3601_000)
    const res = await accounts(emulator, `Bearer ${expiring}`)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: 'invalid_token' })
    const after = emulator.stats('bridgeft')
    expect(after.rejectedExpired).toBe(before.rejectedExpired + 1)
    expect(after.rejectedInvalid).toBe(before.rejectedInvalid)
  })
})
