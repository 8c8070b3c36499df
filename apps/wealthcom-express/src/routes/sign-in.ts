import type { TokenManager } from '@vendor-token/core'
import { signIn } from '@vendor-token/express'
import type { Express } from 'express'
import type { Sessions } from '../session.js'
import { homePage } from './pages.js'

/** What the advisor sign-in routes need. */
export interface SignInRouteOptions {
  manager: TokenManager
  /** Name the user (sign-in) source is registered under. */
  userVendor: string
  sessions: Sessions
}

/**
 * Advisor sign-in: `GET /` (a link in), `GET /auth/login` (starts a session, then redirects to
 * the provider), `GET /auth/callback` (back to `returnTo`, default `/me`), `POST /auth/logout`
 * (signs out at the provider too: the refresh token is revoked).
 */
export function mountSignIn(app: Express, options: SignInRouteOptions): void {
  const { manager, userVendor, sessions } = options
  app.get('/', (_req, res) => {
    res.type('html').send(homePage())
  })
  app.get('/auth/login', sessions.start)
  app.use(
    signIn(manager, userVendor, { userKey: (req) => sessions.userKey(req), afterSignIn: '/me' }),
  )
  app.post('/auth/logout', async (req, res) => {
    const user = sessions.userKey(req)
    if (user !== undefined) await manager.signOut(userVendor, { user })
    sessions.end(req, res)
    res.redirect(303, '/')
  })
}
