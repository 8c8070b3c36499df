import type { Logger, StoredToken, TokenParams, TokenSource } from './types.js'

/**
 * Tells a source about a new token set (its `onTokens` hook). A failing hook is logged, never
 * thrown: the user still gets the token.
 */
export async function tellTokensIssued(
  source: TokenSource,
  params: TokenParams,
  token: StoredToken,
  where: { vendor: string; key: string; logger: Logger },
): Promise<void> {
  if (source.tokensIssued === undefined) return
  try {
    await source.tokensIssued(params, token)
  } catch (error) {
    const { vendor, key, logger } = where
    logger.warn('onTokens hook failed', { vendor, key, error: String(error) })
  }
}
