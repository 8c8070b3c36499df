import { createHash, randomBytes } from 'node:crypto'
import type { CookieOptions, Request, RequestHandler, Response } from 'express'

const SESSION_COOKIE = 'wc_session'
/** The sign-in in progress: a random id only this browser holds, no state on the server. */
const PENDING_COOKIE = 'wc_signin'
const MAX_AGE_MS = 8 * 3600_000
/** As long as the manager keeps a sign-in's state (AUTHORIZATION_STATE_TTL_MS). */
const PENDING_MAX_AGE_MS = 10 * 60_000
/** A bound on memory: past it the oldest signed-in session goes. */
const MAX_SESSIONS = 10_000

/** The app's tiny cookie session: enough to bind an advisor's sign-in to one browser. */
export interface Sessions {
  /** Finds the request's session from its cookie (never creates one). */
  read: RequestHandler
  /**
   * Starts a sign-in: a new pending id in a short-lived cookie, no server state. Returns the
   * user key the sign-in is bound to (the callback must come with the same cookie).
   */
  beginSignIn(req: Request, res: Response): string
  /** The user key of the sign-in this browser started, if any. */
  pendingUserKey(req: Request): string | undefined
  /**
   * After a successful callback: a NEW session id for the signed-in advisor (whatever session
   * cookie the browser sent, perhaps planted, is dropped), and the pending cookie is cleared.
   */
  signedIn(req: Request, res: Response, userKey: string): void
  /** The signed-in user key of the request's session, if it has one. */
  userKey(req: Request): string | undefined
  /** Forgets the request's session and clears its cookie. */
  end(req: Request, res: Response): void
  /** Sessions held in memory (signed-in advisors only). */
  readonly size: number
}

/**
 * In-memory sessions keyed by a random id (256 bits) in an `HttpOnly; SameSite=Lax` cookie
 * (plus `Secure` over https). Only a signed-in advisor has a session: a visit to `/auth/login`
 * sets a pending cookie and keeps nothing here (the sign-in's state lives in the manager's
 * store, with its TTL), so anonymous visits cannot fill the session table. The session id is
 * made at sign-in (against session fixation) and dropped at sign-out.
 *
 * The user key handed to vendor-token is a SHA-256 of the pending id: it names the advisor in
 * cache keys, `status()` and logs without being any cookie. One process only; a fleet would
 * keep sessions in its shared store.
 */
export function createSessions(now: () => number = Date.now): Sessions {
  const sessions = new Map<string, { userKey: string; expiresAt: number }>()
  const byRequest = new WeakMap<Request, string>()
  const cookieOptions = (req: Request, maxAge?: number): CookieOptions => ({
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    ...(maxAge === undefined ? {} : { maxAge }),
  })

  const find = (req: Request): void => {
    const id = readCookie(req.get('cookie'), SESSION_COOKIE)
    const session = id === undefined ? undefined : sessions.get(id)
    if (id === undefined || session === undefined) return
    if (session.expiresAt <= now()) {
      sessions.delete(id)
      return
    }
    byRequest.set(req, id)
  }

  return {
    read(req, _res, next) {
      find(req)
      next()
    },
    beginSignIn(req, res) {
      const pending = randomBytes(32).toString('base64url')
      res.cookie(PENDING_COOKIE, pending, cookieOptions(req, PENDING_MAX_AGE_MS))
      return hash(pending)
    },
    pendingUserKey(req) {
      const pending = readCookie(req.get('cookie'), PENDING_COOKIE)
      return pending === undefined ? undefined : hash(pending)
    },
    signedIn(req, res, userKey) {
      const old = byRequest.get(req) ?? readCookie(req.get('cookie'), SESSION_COOKIE)
      if (old !== undefined) sessions.delete(old)
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!)
      const id = randomBytes(32).toString('base64url')
      sessions.set(id, { userKey, expiresAt: now() + MAX_AGE_MS })
      byRequest.set(req, id)
      res.cookie(SESSION_COOKIE, id, cookieOptions(req, MAX_AGE_MS))
      res.clearCookie(PENDING_COOKIE, cookieOptions(req))
    },
    userKey(req) {
      const id = byRequest.get(req)
      return id === undefined ? undefined : sessions.get(id)?.userKey
    },
    end(req, res) {
      const id = byRequest.get(req)
      if (id !== undefined) sessions.delete(id)
      byRequest.delete(req)
      res.clearCookie(SESSION_COOKIE, cookieOptions(req))
    },
    get size() {
      return sessions.size
    },
  }
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('base64url')
}

function readCookie(header: string | undefined, cookie: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=')
    if (name === cookie && value !== undefined && /^[\w-]{43}$/.test(value)) return value
  }
  return undefined
}
