// Run by scripts/release-check.mjs in a fresh folder where only the packed tarballs are installed:
// imports every published package and uses each against the emulator (VT_EMULATOR: its URL and
// test settings as JSON). Prints one line per check; exits 1 on the first failure.
import { randomBytes, randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { TokenManager } from '@vendor-token/core'
import { vendorToken } from '@vendor-token/express'
import { vendorToken as koaVendorToken } from '@vendor-token/koa'
import { RedisTokenStore } from '@vendor-token/redis'
import {
  apiture,
  bridgeft,
  modelPortfolios,
  modelPortfoliosHeaders,
  wealthcom,
} from '@vendor-token/vendors'
import { createVerifier } from '@vendor-token/verify'
import express from 'express'
import Koa from 'koa'

const { vendors } = JSON.parse(process.env.VT_EMULATOR)
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const ok = (line) => console.log(`ok   ${line}`)
const closers = []

/** Proves an import resolved inside this folder, not from a workspace. */
function assertInstalledHere(name) {
  const resolved = createRequire(import.meta.url).resolve(`${name}/package.json`)
  if (!resolved.startsWith(process.cwd())) throw new Error(`${name} resolved outside: ${resolved}`)
}

async function listen(handler) {
  const { createServer } = await import('node:http')
  const server = createServer(handler)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise((resolve) => server.close(resolve)))
  return `http://127.0.0.1:${server.address().port}`
}

async function expectStatus(url, status, init) {
  const answer = await fetch(url, init)
  if (answer.status !== status) throw new Error(`${url}: HTTP ${answer.status}, expected ${status}`)
  return answer.json()
}

try {
  for (const name of ['core', 'vendors', 'express', 'koa', 'verify', 'redis']) {
    assertInstalledHere(`@vendor-token/${name}`)
  }
  ok('every package resolves from this folder')

  const manager = new TokenManager({ retry: { retries: 1, minDelayMs: 10, maxDelayMs: 100 } })
  closers.push(() => manager.close())
  const { bridgeft: b, modelPortfolios: m, apiture: a, wealthcom: w } = vendors
  manager.register(
    'bridgeft',
    bridgeft({ clientId: b.clientId, clientSecret: b.clientSecret, baseUrl: b.baseUrl }),
  )
  manager.register(
    'modelPortfolios',
    modelPortfolios({ clientId: m.clientId, clientSecret: m.clientSecret, baseUrl: m.baseUrl }),
  )
  manager.register(
    'apiture',
    apiture({
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      issuer: a.issuer,
      scopes: a.scopes,
    }),
  )
  manager.register('wealthcom', wealthcom.basic({ username: w.username, password: w.password }))

  const token = await manager.getToken('bridgeft', { firmIds: [39, 792] })
  if (!token.authorization.startsWith('Bearer ')) throw new Error('bridgeft: no bearer token')
  if (JSON.stringify(token).includes(token.accessToken))
    throw new Error('a token serializes its value')
  ok('core + vendors: bridgeft token (firm-scoped), redacted when serialized')

  await expectStatus(`${a.baseUrl}/banking/accounts`, 200, {
    headers: {
      authorization: (await manager.getToken('apiture', { scopes: ['banking/read'] }))
        .authorization,
    },
  })
  ok('vendors: apiture token through OIDC discovery accepted by the banking resource')
  const clients = await manager.fetch('wealthcom', `${w.baseUrl}/v1/clients`)
  if (clients.status !== 200) throw new Error(`wealthcom clients: HTTP ${clients.status}`)
  ok('vendors: wealthcom.basic through manager.fetch')

  const app = express()
  app.get('/accounts', vendorToken(manager, 'bridgeft'), async (req, res) => {
    const upstream = await fetch(`${b.baseUrl}/v2/accounts`, {
      headers: { authorization: req.vendorToken.authorization },
    })
    res.status(upstream.status).json(await upstream.json())
  })
  await expectStatus(`${await listen(app)}/accounts`, 200)
  ok('express: req.vendorToken calls the BridgeFT accounts resource')

  const koa = new Koa()
  koa.use(koaVendorToken(manager, 'modelPortfolios'))
  koa.use(async (ctx) => {
    const upstream = await fetch(`${m.baseUrl}/model-portfolios`, {
      headers: { ...modelPortfoliosHeaders(), authorization: ctx.state.vendorToken.authorization },
    })
    ctx.status = upstream.status
    ctx.body = await upstream.json()
  })
  await expectStatus(`${await listen(koa.callback())}/`, 200)
  ok('koa: ctx.state.vendorToken calls the model portfolios resource')

  const verifier = createVerifier({ jwksUri: w.jwksUri, issuer: w.issuer, threads: 1 })
  closers.push(() => verifier.close())
  const rejected = await verifier.verify('not.a.jwt').then(
    () => undefined,
    (error) => error,
  )
  if (rejected?.code !== 'malformed' || rejected.status !== 401)
    throw new Error('verify: a malformed token was not rejected as malformed')
  ok('verify: worker pool starts and rejects a malformed token with code malformed / 401')

  const store = new RedisTokenStore({
    redis: redisUrl,
    prefix: `vt-release-${randomUUID()}:`,
    encryptionKey: randomBytes(32),
  })
  closers.push(() => store.close?.())
  const fleet = [new TokenManager({ store }), new TokenManager({ store })]
  for (const member of fleet) {
    closers.push(() => member.close())
    member.register(
      'bridgeft',
      bridgeft({ clientId: b.clientId, clientSecret: b.clientSecret, baseUrl: b.baseUrl }),
    )
  }
  const [first, second] = await Promise.all(
    fleet.map((member) => member.getToken('bridgeft', { firmIds: [39] })),
  )
  if (first.accessToken !== second.accessToken)
    throw new Error('redis: two managers on one store got different tokens')
  ok('redis: two managers on one Redis store share one token')
} catch (error) {
  console.error(`FAIL ${error?.stack ?? error}`)
  process.exitCode = 1
} finally {
  for (const close of closers.reverse()) await close()
}
