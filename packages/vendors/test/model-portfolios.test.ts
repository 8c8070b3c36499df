import {
  InvalidParamsError,
  ManualClock,
  TokenManager,
  TokenRequestRejectedError,
} from '@vendor-token/core'
import { startEmulator } from '@vendor-token/emulator'
import { describe, expect, it } from 'vitest'
import { modelPortfolios, modelPortfoliosHeaders } from '../src/index.js'
import { usePresetEmulator } from './helpers/preset-emulator.js'
import { waitFor, wholeSecondNow } from './helpers/settle.js'

// The model-portfolio preset against the emulator, which answers exactly as documented
// (`accessTtoken`, `tokenType: "bearer"`, 24 h) and checks expiry on the manager's clock.
const clock = new ManualClock(wholeSecondNow())
const preset = usePresetEmulator(clock, (manager, emulator) =>
  manager.register('modelPortfolios', modelPortfolios(emulator.vendors.modelPortfolios)),
)

const tokenRequests = () => preset.emulator.stats('modelPortfolios').tokenRequests
const portfoliosUrl = () => `${preset.emulator.vendors.modelPortfolios.baseUrl}/model-portfolios`

describe('modelPortfolios against the emulator', () => {
  it('gets a 24 h bearer token from the documented answer', async () => {
    const token = await preset.manager.getToken('modelPortfolios')
    expect(token.tokenType).toBe('Bearer')
    expect(token.authorization).toBe(`Bearer ${token.accessToken}`)
    expect(token.expiresAt - token.issuedAt).toBe(86_400_000)
  })

  it('caches: a second getToken makes no request', async () => {
    await preset.manager.getToken('modelPortfolios')
    await preset.manager.getToken('modelPortfolios')
    expect(tokenRequests()).toBe(1)
  })

  it('manager.fetch sends the Accept version header by default on GET /model-portfolios', async () => {
    const response = await preset.manager.fetch('modelPortfolios', portfoliosUrl())
    expect(response.status).toBe(200)
    expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0)
  })

  it("a caller's own Accept wins over the default (and the API refuses one without the version)", async () => {
    const own = await preset.manager.fetch('modelPortfolios', portfoliosUrl(), {
      headers: { Accept: 'application/json' },
    })
    expect(own.status).toBe(400)
    const versioned = await preset.manager.fetch('modelPortfolios', portfoliosUrl(), {
      headers: { accept: modelPortfoliosHeaders().accept! },
    })
    expect(versioned.status).toBe(200)
  })

  it('refreshes at 80% of the 24 hours; after 24 hours the old token is refused', async () => {
    const first = await preset.manager.getToken('modelPortfolios')
    clock.advance(69_121_000) // 19.2 h + 1 s
    expect((await preset.manager.getToken('modelPortfolios')).accessToken).toBe(first.accessToken)
    await waitFor(() => tokenRequests() === 2 && preset.manager.status()[0]?.state === 'valid')
    const second = await preset.manager.getToken('modelPortfolios')
    expect(second.accessToken).not.toBe(first.accessToken)
    clock.advance(86_400_000 - 69_121_000)
    const stale = await fetch(portfoliosUrl(), {
      headers: { ...modelPortfoliosHeaders(), authorization: first.authorization },
    })
    expect(stale.status).toBe(401)
    expect(preset.emulator.stats('modelPortfolios').rejectedExpired).toBe(1)
    const fresh = await preset.manager.fetch('modelPortfolios', portfoliosUrl(), {
      headers: modelPortfoliosHeaders(),
    })
    expect(fresh.status).toBe(200)
  })

  it('honours a shortened lifetime from the token endpoint', async () => {
    preset.emulator.fault('modelPortfolios', { tokenTtlSeconds: 120 })
    const token = await preset.manager.getToken('modelPortfolios')
    expect(token.expiresAt - token.issuedAt).toBe(120_000)
    clock.advance(91_000) // past min(60 s skew, 30 s) before expiry: a caller waits for a new one
    expect((await preset.manager.getToken('modelPortfolios')).accessToken).not.toBe(
      token.accessToken,
    )
  })

  it('also reads the corrected accessToken spelling', async () => {
    const corrected = await startEmulator({ modelPortfolios: { correctedSpelling: true } })
    const other = new TokenManager()
    try {
      other.register('modelPortfolios', modelPortfolios(corrected.vendors.modelPortfolios))
      const response = await other.fetch(
        'modelPortfolios',
        `${corrected.vendors.modelPortfolios.baseUrl}/model-portfolios`,
        {
          headers: modelPortfoliosHeaders(),
        },
      )
      expect(response.status).toBe(200)
    } finally {
      await other.close()
      await corrected.close()
    }
  })

  it('wrong credentials: TokenRequestRejectedError naming the vendor and invalid_client, no retry', async () => {
    const { baseUrl, clientId } = preset.emulator.vendors.modelPortfolios
    const wrong = new TokenManager({ clock, retry: { retries: 3, minDelayMs: 0 } })
    wrong.register(
      'modelPortfolios',
      modelPortfolios({ clientId, clientSecret: 'not-the-secret', baseUrl }),
    )
    try {
      const error = await wrong.getToken('modelPortfolios').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TokenRequestRejectedError)
      expect(error).toMatchObject({
        vendor: 'modelPortfolios',
        oauthError: 'invalid_client',
        httpStatus: 401,
      })
      expect(tokenRequests()).toBe(1)
    } finally {
      await wrong.close()
    }
  })

  it('an unsupported apiVersion is refused by the vendor (406), not retried', async () => {
    const { baseUrl, clientId, clientSecret } = preset.emulator.vendors.modelPortfolios
    const other = new TokenManager({ clock, retry: { retries: 3, minDelayMs: 0 } })
    other.register(
      'modelPortfolios',
      modelPortfolios({ clientId, clientSecret, baseUrl, apiVersion: '9.9.9' }),
    )
    try {
      await expect(other.getToken('modelPortfolios')).rejects.toMatchObject({ httpStatus: 406 })
      expect(tokenRequests()).toBe(1)
    } finally {
      await other.close()
    }
  })

  it('params the documented body cannot carry fail before any request', async () => {
    await expect(
      preset.manager.getToken('modelPortfolios', { scopes: ['read'] }),
    ).rejects.toBeInstanceOf(InvalidParamsError)
    expect(tokenRequests()).toBe(0)
  })
})
