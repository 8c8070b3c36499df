import { randomBytes } from 'node:crypto'
import {
  type ExpressRequireBearerOptions,
  type ExpressSignInOptions,
  type ExpressVendorTokenOptions,
  requireBearer,
  signIn,
  vendorToken,
} from '@vendor-token/express'
import type {
  AdapterUnderTest,
  TokenSourceUnderTest,
  VendorTokenMount,
} from '@vendor-token/test-utils'
import express, { type ErrorRequestHandler, type Express, type Request } from 'express'

/** Turns header-based test options into Express ones. */
function expressOptions({ options = {} }: VendorTokenMount): ExpressVendorTokenOptions {
  const { user, params, ...rest } = options
  return {
    ...rest,
    ...(user && { user: (req: Request) => user((name) => req.get(name)) }),
    ...(params && { params: (req: Request) => params((name) => req.get(name)) }),
  }
}

const mount = (manager: TokenSourceUnderTest, mounted: VendorTokenMount) =>
  vendorToken(manager, mounted.vendor, expressOptions(mounted))

/** The app's own error handler: answers with what the error carries, as finalhandler would. */
function handleErrors(server: Express, onAppError: ((error: unknown) => void) | undefined): void {
  if (onAppError === undefined) return
  const handler: ErrorRequestHandler = (error, _req, res, _next) => {
    onAppError(error)
    const {
      statusCode = 500,
      headers = {},
      code,
    } = error as {
      statusCode?: number
      headers?: Record<string, string>
      code?: string
    }
    res.status(statusCode).set(headers).json({ handledBy: 'app', error: code })
  }
  server.use(handler)
}

/** The Express glue of the shared behaviour suites in `@vendor-token/test-utils`. */
export const expressAdapter: AdapterUnderTest = {
  name: 'Express',

  tokenApp({ manager, mounts, path, answer, onAppError }) {
    const [first, ...rest] = mounts
    const server = express()
    if (first) server.use(mount(manager, first))
    // The other vendors are mounted on the route itself.
    server.get(path, ...rest.map((mounted) => mount(manager, mounted)), (req, res) => {
      res.json(answer([{ vendorToken: req.vendorToken, vendorTokens: req.vendorTokens }]))
    })
    handleErrors(server, onAppError)
    return server
  },

  bearerApp({ verifier, routes, logger, errors, onAppError, answer }) {
    const server = express()
    for (const { method, path, scopes } of routes) {
      const guard = requireBearer(verifier, {
        ...(scopes && { scopes }),
        ...(logger && { logger }),
        ...(errors && { errors }),
      })
      server[method === 'GET' ? 'get' : 'post'](path, guard, (req, res) => {
        res.json(answer(req.auth))
      })
    }
    handleErrors(server, onAppError)
    return server
  },

  signInApp(manager, vendor, routes, failures) {
    const sessions = new WeakMap<Request, string>()
    const user = (req: Request) => sessions.get(req)
    const server = express()
    server.use((req, res, next) => {
      let sid = /(?:^|;\s*)sid=([\w-]+)/.exec(req.get('cookie') ?? '')?.[1]
      if (sid === undefined) {
        sid = randomBytes(16).toString('base64url')
        res.cookie('sid', sid, { httpOnly: true, sameSite: 'lax' })
      }
      sessions.set(req, sid)
      next()
    })
    server.use(
      signIn(manager, vendor, { userKey: user, ...(failures && { errors: failures.errors }) }),
    )
    server.get('/clients', vendorToken(manager, vendor, { user }), async (req, res) => {
      const { status, body } = await routes.clients(req.vendorToken)
      res.status(status).json(body)
    })
    server.all(
      '/me',
      vendorToken(manager, vendor, { user, onMissingUser: 'redirect' }),
      (req, res) => {
        res.json(routes.me(req.vendorToken))
      },
    )
    handleErrors(server, failures?.onAppError)
    return server
  },

  signIn: (manager, vendor, options) => signIn(manager, vendor, options as ExpressSignInOptions),

  vendorToken: (manager, vendor, options) =>
    vendorToken(manager, vendor, options as ExpressVendorTokenOptions),

  requireBearer: (verifier, options) =>
    requireBearer(verifier, options as ExpressRequireBearerOptions),
}
