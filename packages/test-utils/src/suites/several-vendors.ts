import type { Token } from '@vendor-token/core'
import { modelPortfolios } from '@vendor-token/vendors'
import { describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { fingerprint } from '../fingerprint.js'
import { bridgeftManager, useTokenApp } from './token-app.js'

const byVendor = (tokens: Record<string, Token>) =>
  Object.fromEntries(
    Object.entries(tokens).map(([vendor, token]) => [vendor, fingerprint(token.accessToken)]),
  )

/** Several mounted vendors: each under vendorTokens[name], vendorToken is the last one. */
export function describeSeveralVendors(adapter: AdapterUnderTest): void {
  describe(`several vendors (${adapter.name})`, () => {
    const harness = useTokenApp(adapter, (emulator) => {
      const manager = bridgeftManager(emulator)
      manager.register('modelPortfolios', modelPortfolios(emulator.vendors.modelPortfolios))
      return {
        manager,
        mounts: [{ vendor: 'bridgeft' }, { vendor: 'modelPortfolios' }],
        path: '/both',
        answer: (views) => ({
          current: fingerprint(views[0]!.vendorToken.accessToken),
          views: views.map((view) => byVendor(view.vendorTokens)),
        }),
      }
    })

    test('several mounted vendors: each under vendorTokens[name], vendorToken is the last one', async () => {
      const response = await fetch(`${harness.app.url}/both`)
      const body = (await response.json()) as {
        current: string
        views: Record<string, string>[]
      }

      expect(response.status).toBe(200)
      const [tokens, ...others] = body.views
      expect(Object.keys(tokens!).sort()).toEqual(['bridgeft', 'modelPortfolios'])
      for (const other of others) expect(other).toEqual(tokens)
      expect(tokens!.bridgeft).not.toBe(tokens!.modelPortfolios)
      expect(body.current).toBe(tokens!.modelPortfolios)
    })
  })
}
