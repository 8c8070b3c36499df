import { randomBytes } from 'node:crypto'
import {
  type KoaRequireBearerOptions,
  type KoaSignInOptions,
  type KoaVendorTokenOptions,
  requireBearer,
  signIn,
  vendorToken,
} from '@vendor-token/koa'
import type {
  AdapterUnderTest,
  TokenSourceUnderTest,
  VendorTokenMount,
} from '@vendor-token/test-utils'
import Koa from 'koa'

/** Turns header-based test options into Koa ones (Koa reads a missing header as ''). */
function koaOptions({ options = {} }: VendorTokenMount): KoaVendorTokenOptions {
  const { user, params, ...rest } = options
  const header = (ctx: Koa.Context) => (name: string) => ctx.get(name) || undefined
  return {
    ...rest,
    ...(user && { user: (ctx: Koa.Context) => user(header(ctx)) }),
    ...(params && { params: (ctx: Koa.Context) => params(header(ctx)) }),
  }
}

const mount = (manager: TokenSourceUnderTest, mounted: VendorTokenMount) =>
  vendorToken(manager, mounted.vendor, koaOptions(mounted))

/** The Koa glue of the shared behaviour suites in `@vendor-token/test-utils`. */
export const koaAdapter: AdapterUnderTest = {
  name: 'Koa',

  tokenApp({ manager, mounts, answer, onAppError }) {
    const koa = new Koa()
    if (onAppError) koa.on('error', onAppError) // Koa's ctx.onerror answers
    for (const mounted of mounts) koa.use(mount(manager, mounted))
    koa.use((ctx) => {
      // Both places Koa exposes the tokens: the suites check they agree.
      ctx.body = answer([
        { vendorToken: ctx.state.vendorToken, vendorTokens: ctx.state.vendorTokens },
        { vendorToken: ctx.request.vendorToken, vendorTokens: ctx.request.vendorTokens },
      ])
    })
    return koa.callback()
  },

  bearerApp({ verifier, routes, logger, errors, onAppError, answer }) {
    const guards = new Map(
      routes.map(({ method, path, scopes }) => [
        `${method} ${path}`,
        requireBearer(verifier, {
          ...(scopes && { scopes }),
          ...(logger && { logger }),
          ...(errors && { errors }),
        }),
      ]),
    )
    const koa = new Koa()
    if (onAppError) koa.on('error', onAppError)
    koa.use((ctx, next) => {
      const guard = guards.get(`${ctx.method} ${ctx.path}`)
      if (guard) return guard(ctx, next)
      ctx.status = 404
      return undefined
    })
    koa.use((ctx) => {
      ctx.body = answer(ctx.state.auth)
    })
    return koa.callback()
  },

  signInApp(manager, vendor, routes, failures) {
    const server = new Koa()
    if (failures) server.on('error', failures.onAppError)
    server.use(async (ctx, next) => {
      let sid = ctx.cookies.get('sid')
      if (sid === undefined) {
        sid = randomBytes(16).toString('base64url')
        ctx.cookies.set('sid', sid, { httpOnly: true, sameSite: 'lax' })
      }
      ctx.state.sid = sid
      await next()
    })
    const user = (ctx: Koa.Context) => ctx.state.sid as string
    server.use(
      signIn(manager, vendor, { userKey: user, ...(failures && { errors: failures.errors }) }),
    )
    const me = vendorToken(manager, vendor, { user, onMissingUser: 'redirect' })
    server.use(async (ctx, next) => {
      if (ctx.path !== '/me') return next()
      await me(ctx, async () => {
        ctx.body = routes.me(ctx.state.vendorToken)
      })
    })
    server.use(async (ctx, next) => {
      if (ctx.path === '/clients') await next()
      else ctx.status = 404
    })
    server.use(vendorToken(manager, vendor, { user }))
    server.use(async (ctx) => {
      const { status, body } = await routes.clients(ctx.state.vendorToken)
      ctx.status = status
      ctx.body = body
    })
    return server.callback()
  },

  signIn: (manager, vendor, options) => signIn(manager, vendor, options as KoaSignInOptions),

  vendorToken: (manager, vendor, options) =>
    vendorToken(manager, vendor, options as KoaVendorTokenOptions),

  requireBearer: (verifier, options) => requireBearer(verifier, options as KoaRequireBearerOptions),
}
