import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { fakeClock, formBasic, postForm } from './support.js'

const accept = 'application/json; version=1.0.0'
const clock = fakeClock()
let emulator: Emulator

function requestToken(
  emu: Emulator,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(emu.vendors.modelPortfolios.tokenUrl, {
    method: 'POST',
    headers: { accept, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function credentials(emu: Emulator): Record<string, string> {
  const { clientId, clientSecret } = emu.vendors.modelPortfolios
  return { client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' }
}

beforeAll(async () => {
  emulator = await startEmulator({ now: clock.now })
})
afterAll(() => emulator.close())

describe('model-portfolio vendor token endpoint', () => {
  it('answers exactly as documented: accessTtoken (sic), expiresIn 86400, tokenType "bearer"', async () => {
    const res = await requestToken(emulator, credentials(emulator))
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['accessTtoken', 'expiresIn', 'tokenType'])
    expect(body).toMatchObject({
      accessTtoken: expect.any(String),
      expiresIn: 86400,
      tokenType: 'bearer',
    })
  })

  it('answers accessToken with modelPortfolios.correctedSpelling', async () => {
    const corrected = await startEmulator({ modelPortfolios: { correctedSpelling: true } })
    try {
      const body = (await (await requestToken(corrected, credentials(corrected))).json()) as Record<
        string,
        unknown
      >
      expect(body.accessToken).toEqual(expect.any(String))
      expect(body).not.toHaveProperty('accessTtoken')
    } finally {
      await corrected.close()
    }
  })

  it('refuses a missing version in Accept with 400 and an unknown version with 406', async () => {
    const missing = await requestToken(emulator, credentials(emulator), {
      accept: 'application/json',
    })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' })
    const unknown = await requestToken(emulator, credentials(emulator), {
      accept: 'application/json; version=2.0.0',
    })
    expect(unknown.status).toBe(406)
  })

  it('refuses a form body with 415', async () => {
    const res = await postForm(emulator.vendors.modelPortfolios.tokenUrl, credentials(emulator), {
      accept,
    })
    expect(res.status).toBe(415)
  })

  it('refuses invalid JSON, missing credentials and Basic-only credentials with 400 invalid_request', async () => {
    const { clientId, clientSecret } = emulator.vendors.modelPortfolios
    const cases = [
      requestToken(emulator, '{"client_id": '),
      requestToken(emulator, { grant_type: 'client_credentials' }),
      requestToken(
        emulator,
        { grant_type: 'client_credentials' },
        { authorization: formBasic(clientId, clientSecret) },
      ),
    ]
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: 'invalid_request' })
    }
  })

  it('refuses a wrong secret with 401 invalid_client and a wrong grant with 400 unsupported_grant_type', async () => {
    const wrong = await requestToken(emulator, { ...credentials(emulator), client_secret: 'nope' })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' })
    const grant = await requestToken(emulator, { ...credentials(emulator), grant_type: 'password' })
    expect(grant.status).toBe(400)
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' })
  })
})

describe('model-portfolio vendor resource', () => {
  const list = (authorization?: string, acceptHeader = accept) =>
    fetch(`${emulator.vendors.modelPortfolios.baseUrl}/model-portfolios`, {
      headers: { accept: acceptHeader, ...(authorization ? { authorization } : {}) },
    })

  it('serves the model portfolios with a valid bearer (lowercase "bearer" too)', async () => {
    const { accessTtoken } = (await (
      await requestToken(emulator, credentials(emulator))
    ).json()) as {
      accessTtoken: string
    }
    for (const scheme of ['Bearer', 'bearer']) {
      const res = await list(`${scheme} ${accessTtoken}`)
      expect(res.status).toBe(200)
      expect(((await res.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0)
    }
    expect((await list(`Bearer ${accessTtoken}`, 'application/json')).status).toBe(400)
  })

  it('refuses a missing or unknown token with 401 and an expired one as rejectedExpired', async () => {
    expect((await list()).status).toBe(401)
    expect((await list('Bearer emu-mp-unknown')).status).toBe(401)
    const { accessTtoken } = (await (
      await requestToken(emulator, credentials(emulator))
    ).json()) as {
      accessTtoken: string
    }
    const before = emulator.stats('modelPortfolios').rejectedExpired
    clock.advance(86_400_000)
    expect((await list(`Bearer ${accessTtoken}`)).status).toBe(401)
    expect(emulator.stats('modelPortfolios').rejectedExpired).toBe(before + 1)
  })
})
