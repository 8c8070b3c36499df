import {
  createVerifier,
  type VerifiedToken,
  type Verifier,
  type VerifyError,
  type VerifyErrorCode,
} from '@vendor-token/verify'
import type { JWTPayload } from 'jose'
import { describe, expectTypeOf, it } from 'vitest'

describe('public types', () => {
  it('types the verifier, its results and its error', () => {
    expectTypeOf(createVerifier).returns.toEqualTypeOf<Verifier>()
    expectTypeOf<Verifier['verify']>().returns.resolves.toEqualTypeOf<VerifiedToken>()
    expectTypeOf<Verifier['verifyMany']>().returns.resolves.items.toEqualTypeOf<
      VerifiedToken | VerifyError
    >()
    expectTypeOf<VerifiedToken['payload']>().toEqualTypeOf<Readonly<JWTPayload>>()
    expectTypeOf<VerifyError['code']>().toEqualTypeOf<VerifyErrorCode>()
    expectTypeOf<VerifyError['status']>().toBeNumber()
    expectTypeOf<VerifyError['headers']>().toEqualTypeOf<Readonly<Record<string, string>>>()
    const withoutIssuer = () =>
      // @ts-expect-error the issuer is required
      createVerifier({ jwksUri: 'https://idp/jwks' })
    expectTypeOf(withoutIssuer).returns.toEqualTypeOf<Verifier>()
  })
})
