import type { Token, TokenManager } from '@vendor-token/core'
import type { BearerAuth } from '@vendor-token/core/adapter'
import type { KoaVendorTokenOptions, requireBearer, vendorToken } from '@vendor-token/koa'
import Koa, { type DefaultContext, type DefaultState, type Middleware } from 'koa'
import { expectTypeOf, test } from 'vitest'

// Compiled by `tsc --noEmit` (tests are type-checked): the augmentation reaches a user's app
// through the package's published types, with no cast.
test('ctx.state.vendorToken, ctx.request.vendorToken and ctx.state.auth are typed', () => {
  const app = new Koa()
  app.use(async (ctx) => {
    expectTypeOf(ctx.state.vendorToken).toEqualTypeOf<Token>()
    expectTypeOf(ctx.state.vendorToken.authorization).toEqualTypeOf<string>()
    expectTypeOf(ctx.request.vendorToken.authorization).toEqualTypeOf<string>()
    expectTypeOf(ctx.state.vendorTokens).toEqualTypeOf<Record<string, Token>>()
    expectTypeOf(ctx.request.vendorTokens).toEqualTypeOf<Record<string, Token>>()
    expectTypeOf(ctx.state.auth).toEqualTypeOf<BearerAuth>()
    expectTypeOf(ctx.state.auth.payload.sub).toEqualTypeOf<string | undefined>()
    ctx.body = { length: ctx.state.vendorToken.authorization.length }
  })
  expectTypeOf(app).toEqualTypeOf<Koa>()
})

test('the middleware fits app.use; callbacks get the Koa context', () => {
  expectTypeOf<TokenManager>().toExtend<Parameters<typeof vendorToken>[0]>()
  type Made<F extends (...args: never[]) => unknown> = ReturnType<F>
  expectTypeOf<Made<typeof vendorToken<DefaultState, DefaultContext>>>().toEqualTypeOf<Middleware>()
  expectTypeOf<
    Made<typeof requireBearer<DefaultState, DefaultContext>>
  >().toEqualTypeOf<Middleware>()
  type Options = KoaVendorTokenOptions
  expectTypeOf<NonNullable<Options['params']>>()
    .parameter(0)
    .toEqualTypeOf<Koa.ParameterizedContext>()
  expectTypeOf<NonNullable<Options['user']>>().returns.toEqualTypeOf<string | undefined>()
})
