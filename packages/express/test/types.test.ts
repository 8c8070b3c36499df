import type { Token, TokenManager } from '@vendor-token/core'
import type { BearerAuth } from '@vendor-token/core/adapter'
import { requireBearer, vendorToken } from '@vendor-token/express'
import type express from 'express'
import type { RequestHandler } from 'express'
import { expectTypeOf, test } from 'vitest'

// Compiled by `tsc --noEmit` (tests are type-checked): the augmentation reaches a user's app
// through the package's published types, with no cast.
test('req.vendorToken, req.vendorTokens and req.auth are typed', () => {
  const handler: RequestHandler = (req, res) => {
    expectTypeOf(req.vendorToken).toEqualTypeOf<Token>()
    expectTypeOf(req.vendorToken.authorization).toEqualTypeOf<string>()
    expectTypeOf(req.vendorTokens).toEqualTypeOf<Record<string, Token>>()
    expectTypeOf(req.auth).toEqualTypeOf<BearerAuth>()
    expectTypeOf(req.auth.payload.sub).toEqualTypeOf<string | undefined>()
    expectTypeOf(req.auth.scopes).toEqualTypeOf<readonly string[]>()
    res.json({ authorization: req.vendorToken.authorization.length })
  }
  expectTypeOf(handler).toBeFunction()
})

test('the middleware fits app.use and route handlers; callbacks get an Express request', () => {
  expectTypeOf<TokenManager>().toExtend<Parameters<typeof vendorToken>[0]>()
  expectTypeOf(vendorToken).returns.toEqualTypeOf<RequestHandler>()
  expectTypeOf(requireBearer).returns.toEqualTypeOf<RequestHandler>()
  type Options = NonNullable<Parameters<typeof vendorToken>[2]>
  expectTypeOf<NonNullable<Options['params']>>().parameter(0).toEqualTypeOf<express.Request>()
  expectTypeOf<NonNullable<Options['user']>>().returns.toEqualTypeOf<string | undefined>()
})
