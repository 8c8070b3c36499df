import {
  type GetTokenOptions,
  type Token,
  TokenManager,
  type TokenManagerOptions,
  type TokenParams,
} from '@vendor-token/core'
import type { Histogram } from 'prom-client'

/**
 * A TokenManager that times every `getToken` call (adapters and `manager.fetch` go through it)
 * into a histogram labelled by vendor and outcome. Everything else is the plain manager.
 */
export class MeteredTokenManager extends TokenManager {
  readonly #waits: Histogram<'vendor' | 'outcome'>

  constructor(waits: Histogram<'vendor' | 'outcome'>, options?: TokenManagerOptions) {
    super(options)
    this.#waits = waits
  }

  override async getToken(
    vendor: string,
    params?: TokenParams,
    options?: GetTokenOptions,
  ): Promise<Token> {
    const started = performance.now()
    let outcome = 'error'
    try {
      const token = await super.getToken(vendor, params, options)
      outcome = 'ok'
      return token
    } finally {
      this.#waits.observe({ vendor, outcome }, (performance.now() - started) / 1000)
    }
  }
}
