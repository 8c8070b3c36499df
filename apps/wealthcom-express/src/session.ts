import { createHash, randomBytes } from 'node:crypto'
import type { Request, RequestHandler, Response } from 'express'

const COOKIE = 'wc_session'
const MAX_AGE_MS = 8 * 3600_000
/** A bound on memory: the oldest sessions go first. */
const MAX_SESSIONS = 10_000

/** The app's tiny cookie session: enough to bind an advisor's sign-in to one browser. */
export interface Sessions {
  /** Finds the request's session from its cookie (never creates one). */
  read: RequestHandler
  /** Like `read`, but starts a session (and sets the cookie) when there is none. */
  start: RequestHandler
  /** The signed-in user key of the request's session, if it has one. */
  userKey(req: Request): string | undefined
  /** Forgets the request's session and clears its cookie. */
  end(req: Request, res: Response): void
}

/**
 * In-memory sessions keyed by a random id (256 bits) in an `HttpOnly; SameSite=Lax` cookie
 * (plus `Secure` over https). The user key handed to vendor-token is a SHA-256 of the session
 * id: it names the session in cache keys, `status()` and logs without being the cookie itself.
 * One process only; a fleet would keep sessions in its shared store.
 */
export function createSessions(now: () => number = Date.now): Sessions {
  const sessions = new Map<string, { userKey: string; expiresAt: number }>()
  const byRequest = new WeakMap<Request, string>()

  const find = (req: Request): void => {
    const id = readCookie(req.get('cookie'))
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
    start(req, res, next) {
      find(req)
      if (!byRequest.has(req)) {
        const id = randomBytes(32).toString('base64url')
        if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!)
        const userKey = createHash('sha256').update(id).digest('base64url')
        sessions.set(id, { userKey, expiresAt: now() + MAX_AGE_MS })
        byRequest.set(req, id)
        res.cookie(COOKIE, id, {
          httpOnly: true,
          sameSite: 'lax',
          secure: req.secure,
          path: '/',
          maxAge: MAX_AGE_MS,
        })
      }
      next()
    },
    userKey(req) {
      const id = byRequest.get(req)
      return id === undefined ? undefined : sessions.get(id)?.userKey
    },
    end(req, res) {
      const id = byRequest.get(req)
      if (id !== undefined) sessions.delete(id)
      res.clearCookie(COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' })
    },
  }
}

function readCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=')
    if (name === COOKIE && value !== undefined && /^[\w-]{43}$/.test(value)) return value
  }
  return undefined
}
