import type { Logger, TokenStore } from '../types.js'

/**
 * Deletes a key's token from the store and tells the other instances to drop theirs
 * (`publishInvalidate`). Best effort: a store that fails is logged (never with a token) and the
 * caller carries on; the other instances then see the change when their copy runs out.
 */
export async function forgetInStore(
  store: TokenStore,
  logger: Logger,
  where: { vendor: string; key: string },
): Promise<void> {
  const { vendor, key } = where
  try {
    await store.delete(key)
    await store.publishInvalidate?.(key)
  } catch (error) {
    logger.warn('token store delete failed', { vendor, key, error: String(error) })
  }
}
