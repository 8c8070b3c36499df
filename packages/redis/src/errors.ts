import { VendorTokenError } from '@vendor-token/core'

/**
 * Redis did not answer (down, unreachable, too slow). The store catches it itself and falls back
 * to the instance's own cache; it is the `error` of the store's `unavailable` event.
 */
export class StoreUnavailableError extends VendorTokenError {
  static override readonly code: string = 'store_unavailable'
  override readonly code: string = StoreUnavailableError.code
  override readonly status = 503
}
