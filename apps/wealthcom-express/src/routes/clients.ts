import type { TokenManager } from '@vendor-token/core'
import { vendorToken } from '@vendor-token/express'
import express, { type Request, type Response, Router } from 'express'

/** What the advisor clients router needs. */
export interface ClientsRouteOptions {
  manager: TokenManager
  /** Name the Basic credential source is registered under. */
  vendor: string
  baseUrl: string
}

/**
 * The Advisor API's client endpoints with the app's Basic credential:
 * `GET /` = listClients, `POST /` = createClient (JSON body passed through, e.g.
 * `{ "advisor_id": "...", "team_id": "..." }`). The credential comes through the same
 * `vendorToken` middleware as a bearer token would; only its type differs (`Basic`).
 */
export function clientsRouter(options: ClientsRouteOptions): Router {
  const router = Router()
  router.use(vendorToken(options.manager, options.vendor))
  router.get('/', async (req, res) => {
    await forward(req, res, options.baseUrl, { method: 'GET' })
  })
  router.post('/', express.json({ limit: '100kb' }), async (req, res) => {
    await forward(req, res, options.baseUrl, {
      method: 'POST',
      body: JSON.stringify(req.body ?? {}),
      headers: { 'content-type': 'application/json' },
    })
  })
  return router
}

async function forward(req: Request, res: Response, baseUrl: string, init: RequestInit) {
  const url = new URL('v1/clients', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
  const upstream = await fetch(url, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string> | undefined),
      accept: 'application/json',
      authorization: req.vendorToken.authorization,
    },
  })
  if (upstream.status >= 500 || upstream.status === 401 || upstream.status === 403) {
    // A 401 here means our credential is wrong: the caller cannot fix that, so 502.
    res.status(502).json({
      error: 'vendor_error',
      message: 'The Advisor API failed',
      vendorStatus: upstream.status,
    })
    return
  }
  // 2xx and the vendor's 4xx validation answers (the caller's mistake) pass through.
  const text = await upstream.text()
  res
    .status(upstream.status)
    .type('application/json')
    .send(text || '{}')
}
