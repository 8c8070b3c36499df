/**
 * The application under soak, run in its own process (forked by soak.ts with --expose-gc) so that
 * its memory is measured alone: Express with `requireBearer` (the piscina verifier against the
 * emulator's Wealth.com JWKS) and `vendorToken` (BridgeFT, short-lived tokens); every request
 * calls the emulator's protected resource with the vendor token. `GET /firms/:id` is the churn
 * phase: a token for firm `id` from a second manager bounded by CHURN_MAX_ENTRIES, so ever-new
 * params (as from an `x-firm-ids` header) must leave memory flat.
 *
 * Talks to its parent over IPC: sends `{ type: 'ready', port }`; answers `{ type: 'memory' }`
 * and `{ type: 'stop' }` (see SoakAppMessage).
 */
import type { EventEmitter } from 'node:events'
import type { AddressInfo } from 'node:net'
import { TokenManager } from '@vendor-token/core'
import { requireBearer, vendorToken } from '@vendor-token/express'
import { bridgeft } from '@vendor-token/vendors'
import { createVerifier } from '@vendor-token/verify'
import express from 'express'

/** What the parent passes in the VT_SOAK_APP environment variable (JSON). */
export interface SoakAppConfig {
  bridgeft: { baseUrl: string; clientId: string; clientSecret: string }
  wealthcom: { issuer: string; jwksUri: string }
}

/** Messages from the app to its parent. */
export type SoakAppMessage =
  | { type: 'ready'; port: number }
  | { type: 'memory'; rss: number; heapUsed: number; heapTotal: number; external: number }
  | {
      type: 'stopped'
      events: Record<string, number>
      answers5xx: number
      /** Mean lifetime the vendor granted (JWT exp - request sent), ms. */
      meanLifetimeMs: number
      /** Mean duration of a token request, ms. */
      meanFetchMs: number
      /** The churn manager's cache at the end: keys held and evictions. */
      churn: { entries: number; maxEntries: number; evicted: number }
    }

/** The churn manager's bound: small, so a short soak runs far past it. */
export const CHURN_MAX_ENTRIES = 500

const config = JSON.parse(process.env.VT_SOAK_APP ?? '{}') as SoakAppConfig
const accountsUrl = `${config.bridgeft.baseUrl}/v2/accounts`
const events: Record<string, number> = { fetched: 0, refreshed: 0, failed: 0, warning: 0 }
let answers5xx = 0

const manager = new TokenManager() // default skew and refresh-ahead: what a user gets
manager.register('bridgeft', bridgeft(config.bridgeft))
// Counted by name, whatever each event carries.
const emitter: EventEmitter = manager
for (const name of Object.keys(events)) emitter.on(name, () => void events[name]!++)
// What each new token is worth: the lifetime the vendor granted, counted from the moment the
// request was sent (JWT exp - issuedAt; a whole-second exp makes it shorter than the nominal
// lifetime), read from the token itself rather than from the manager's own expiresAt.
const grantedMs = new Map<number, number>()
const fetchMs: number[] = []
for (const name of ['fetched', 'refreshed'] as const) {
  manager.on(name, ({ durationMs }) => {
    fetchMs.push(durationMs)
    manager.getToken('bridgeft').then(
      (token) => {
        const exp = token.claims?.exp
        if (typeof exp === 'number') grantedMs.set(token.issuedAt, exp * 1000 - token.issuedAt)
      },
      () => {},
    )
  })
}
// Ever-new params: a manager of its own, so the main phase's counts stay as they were.
const churn = new TokenManager({ maxEntries: CHURN_MAX_ENTRIES })
churn.register('bridgeft', bridgeft(config.bridgeft))

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)
const verifier = createVerifier({
  jwksUri: config.wealthcom.jwksUri,
  issuer: config.wealthcom.issuer,
})

const app = express()
app.get(
  '/accounts',
  requireBearer(verifier),
  vendorToken(manager, 'bridgeft'),
  async (req, res) => {
    try {
      const answer = await fetch(accountsUrl, {
        headers: { authorization: req.vendorToken.authorization },
      })
      await answer.arrayBuffer()
      if (!answer.ok) answers5xx++
      res.status(answer.ok ? 200 : 502).json({ upstream: answer.status })
    } catch {
      answers5xx++
      res.status(502).json({ upstream: 'unreachable' })
    }
  },
)
app.get('/firms/:id', async (req, res) => {
  try {
    await churn.getToken('bridgeft', { firmIds: [Number(req.params.id)] })
    res.json({ ok: true })
  } catch {
    answers5xx++
    res.status(502).json({ ok: false })
  }
})
app.use((_req, res) => void res.status(404).end())

const send = (message: SoakAppMessage, then: () => void = () => {}) => process.send!(message, then)
const server = app.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', port: (server.address() as AddressInfo).port })
})

process.on('message', async (message: { type: string }) => {
  if (message.type === 'memory') {
    // Two full collections with a pause between them: a sample of what is retained.
    globalThis.gc?.()
    await new Promise((resolve) => setTimeout(resolve, 100))
    globalThis.gc?.()
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage()
    send({ type: 'memory', rss, heapUsed, heapTotal, external })
  } else if (message.type === 'stop') {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    const { entries, maxEntries, evictions } = churn.cacheStats()
    const churnStats = { entries, maxEntries, evicted: evictions.max_entries + evictions.idle }
    await Promise.all([manager.close(), churn.close(), verifier.close()])
    const stats = { meanLifetimeMs: mean([...grantedMs.values()]), meanFetchMs: mean(fetchMs) }
    send({ type: 'stopped', events, answers5xx, churn: churnStats, ...stats }, () =>
      process.disconnect(),
    )
  }
})
process.on('disconnect', () => setTimeout(() => process.exit(0), 1_000).unref())
