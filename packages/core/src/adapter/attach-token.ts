/** Where adapters put tokens: `req` (Express), `ctx.request` and `ctx.state` (Koa). */
export interface TokenTarget<T> {
  vendorToken?: T
  vendorTokens?: Record<string, T>
}

/**
 * Attaches a request's token as `vendorToken` (the middleware mounted last wins) and under
 * `vendorTokens[vendor]` (every mounted vendor).
 *
 * @example
 * ```ts
 * attachToken(req, 'bridgeft', token) // req.vendorToken, req.vendorTokens.bridgeft
 * ```
 */
export function attachToken<T>(target: TokenTarget<T>, vendor: string, token: T): void {
  target.vendorToken = token
  target.vendorTokens ??= {}
  target.vendorTokens[vendor] = token
}
