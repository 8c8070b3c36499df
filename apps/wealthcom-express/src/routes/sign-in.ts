import { AuthorizationCallbackError, type TokenManager } from '@vendor-token/core'
import { type SignInAnswer, signInErrorAnswer, toHttpAnswer } from '@vendor-token/core/adapter'
import type { Express, Request, Response } from 'express'
import type { Sessions } from '../session.js'
import { homePage } from './pages.js'

/** What the advisor sign-in routes need. */
export interface SignInRouteOptions {
  manager: TokenManager
  /** Name the user (sign-in) source is registered under. */
  userVendor: string
  sessions: Sessions
}

const LOGIN_PATH = '/auth/login'
const AFTER_SIGN_IN = '/me'
/** Sign-in answers carry state and codes in their URLs: never cached, never sent as Referer. */
const NO_STORE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }

/**
 * Advisor sign-in: `GET /` (a link in), `GET /auth/login` (a pending cookie, then a redirect to
 * the provider; no session yet), `GET /auth/callback` (a new session for the advisor, then
 * back to `returnTo`, default `/me`), `POST /auth/logout` (signs out at the provider too: the
 * refresh token is revoked; the session is dropped).
 *
 * The routes are the app's own rather than `@vendor-token/express`'s `signIn()` because the
 * session id must change exactly when the callback succeeds (session fixation).
 */
export function mountSignIn(app: Express, options: SignInRouteOptions): void {
  const { manager, userVendor, sessions } = options
  app.get('/', (_req, res) => {
    res.type('html').send(homePage())
  })
  app.get(LOGIN_PATH, async (req, res) => {
    try {
      const returnTo = typeof req.query.returnTo === 'string' ? req.query.returnTo : undefined
      const user = sessions.beginSignIn(req, res)
      const { url } = await manager.authorizationUrl(userVendor, { user, returnTo })
      res.set(NO_STORE).redirect(302, url)
    } catch (error) {
      failed(req, res, error)
    }
  })
  app.get('/auth/callback', async (req, res) => {
    try {
      const user = sessions.pendingUserKey(req)
      if (user === undefined) {
        throw new AuthorizationCallbackError('there is no sign-in in progress in this browser', {
          vendor: userVendor,
          reason: 'session_missing',
        })
      }
      const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '')
      const token = await manager.handleCallback(userVendor, query, { user })
      sessions.signedIn(req, res, user)
      res.set(NO_STORE).redirect(303, token.returnTo ?? AFTER_SIGN_IN)
    } catch (error) {
      failed(req, res, error)
    }
  })
  app.post('/auth/logout', async (req, res) => {
    const user = sessions.userKey(req)
    if (user !== undefined) await manager.signOut(userVendor, { user })
    sessions.end(req, res)
    res.redirect(303, '/')
  })
}

/** A failed login or callback: core's sign-in error page (HTML) or JSON, never a secret. */
function failed(req: Request, res: Response, error: unknown): void {
  const answer: SignInAnswer = signInErrorAnswer(
    toHttpAnswer(error),
    error,
    req.get('accept'),
    LOGIN_PATH,
  )
  res.status(answer.status).set(answer.headers)
  if (answer.body === undefined) res.end()
  else res.send(answer.body)
}
