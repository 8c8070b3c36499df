import type { Logger, StoredToken, TokenParams, TokenSource } from './types.js'

/**
 * Calls a source's `onTokens` hook with a new token set (a fetch, a sign-in). A failing hook is
 * logged, never thrown: the user still gets the token.
 */
export async function callOnTokens(
  source: TokenSource,
  params: TokenParams,
  token: StoredToken,
  where: { vendor: string; key: string; logger: Logger },
): Promise<void> {
  if (source.onTokens === undefined) return
  try {
    await source.onTokens(params, token)
  } catch (error) {
    const { vendor, key, logger } = where
    logger.warn('onTokens hook failed', { vendor, key, error: String(error) })
  }
}
