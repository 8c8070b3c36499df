import { expect, it } from 'vitest'
import { createLoginRedirect, createSignInRoutes } from '../../src/adapter/index.js'
import {
  ConfigurationError,
  NotSignedInError,
  TokenEndpointUnavailableError,
} from '../../src/index.js'

const notSignedIn = new NotSignedInError('sign in first', { vendor: 'w' })

it("onMissingUser: 'redirect' turns a NotSignedInError on GET/HEAD into the login URL", () => {
  const redirect = createLoginRedirect({ onMissingUser: 'redirect' }, 'w')
  expect(redirect(notSignedIn, 'GET', '/me?tab=1')).toBe('/auth/login?returnTo=%2Fme%3Ftab%3D1')
  expect(redirect(notSignedIn, 'HEAD', '/me')).toBe('/auth/login?returnTo=%2Fme')
  expect(redirect(notSignedIn, 'POST', '/me')).toBeUndefined()
  expect(redirect(new TokenEndpointUnavailableError('down'), 'GET', '/me')).toBeUndefined()
  // A request path that would not pass as returnTo still gets the login, without a way back.
  expect(redirect(notSignedIn, 'GET', '//evil.example')).toBe('/auth/login')
  const custom = createLoginRedirect({ onMissingUser: 'redirect', loginPath: '/signin' }, 'w')
  expect(custom(notSignedIn, 'GET', '/')).toBe('/signin?returnTo=%2F')
})

it("onMissingUser: 'reject' (the default) never redirects", () => {
  expect(createLoginRedirect({}, 'w')(notSignedIn, 'GET', '/me')).toBeUndefined()
  expect(
    createLoginRedirect({ onMissingUser: 'reject' }, 'w')(notSignedIn, 'GET', '/'),
  ).toBeUndefined()
})

it('checks its options at mount', () => {
  expect(() => createLoginRedirect({ onMissingUser: 'bounce' as never }, 'w')).toThrow(
    ConfigurationError,
  )
  expect(() => createLoginRedirect({ loginPath: 'https://evil.example' }, 'w')).toThrow(
    ConfigurationError,
  )
  const manager = { authorizationUrl: async () => ({ url: '' }), handleCallback: async () => ({}) }
  const make = (options: object) => () =>
    createSignInRoutes(manager, 'w', { userKey: () => 'u', ...options })
  expect(make({})).not.toThrow()
  expect(make({ loginPath: 'login' })).toThrow(/loginPath/)
  expect(make({ loginPath: '/a', callbackPath: '/a' })).toThrow(/differ/)
  expect(make({ afterSignIn: '//evil.example' })).toThrow(/afterSignIn/)
  expect(make({ userKey: 'sid' })).toThrow(/userKey/)
  expect(() => createSignInRoutes({} as never, 'w', { userKey: () => 'u' })).toThrow(/TokenManager/)
})
