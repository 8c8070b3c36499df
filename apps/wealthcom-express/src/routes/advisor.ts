import type { TokenManager } from '@vendor-token/core'
import { vendorToken } from '@vendor-token/express'
import { Router } from 'express'
import type { Sessions } from '../session.js'
import { signedInPage } from './pages.js'

/** What the signed-in advisor's routes need. */
export interface AdvisorRouteOptions {
  manager: TokenManager
  /** Name the user (sign-in) source is registered under. */
  userVendor: string
  sessions: Sessions
  baseUrl: string
}

/**
 * The signed-in advisor's pages (mounted at `/me`), with the advisor's own access token:
 * `GET /me` shows who is signed in (the token's `sub`, never the token); `GET /me/clients`
 * calls the Advisor API's listClients with it. Without a sign-in they redirect to the login,
 * which comes back here.
 */
export function advisorRouter(options: AdvisorRouteOptions): Router {
  const router = Router()
  router.use(
    vendorToken(options.manager, options.userVendor, {
      user: (req) => options.sessions.userKey(req),
      onMissingUser: 'redirect',
      loginPath: '/auth/login',
    }),
  )
  router.get('/', (req, res) => {
    const advisor = req.vendorToken.claims?.sub
    res.type('html').send(signedInPage(typeof advisor === 'string' ? advisor : 'unknown'))
  })
  router.get('/clients', async (req, res) => {
    const url = new URL(
      'v1/clients',
      options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`,
    )
    const upstream = await fetch(url, {
      headers: { accept: 'application/json', authorization: req.vendorToken.authorization },
    })
    if (!upstream.ok) {
      // The Advisor API refused the advisor's token or failed: nothing the browser can fix.
      res.status(502).json({
        error: 'vendor_error',
        message: 'The Advisor API failed',
        vendorStatus: upstream.status,
      })
      return
    }
    res.type('application/json').send(await upstream.text())
  })
  return router
}
