import type { KoaContextWithOIDC, Provider, TokenLike } from 'oidc-provider'

/** A token request the provider answered, from its `grant.success` / `grant.error` events. */
export interface GrantRecord {
  grantType: string
  clientId: string | undefined
  /** How the client authenticated (`client_secret_basic`, `private_key_jwt`, ...). */
  clientAuthMethod: string | undefined
  /** The refresh token presented, for `grant_type=refresh_token`. */
  refreshToken: string | undefined
  /** The OAuth error code when the request was refused. */
  error: string | undefined
}

/**
 * What a stock oidc-provider did, recorded from its documented events only (it never sees or
 * changes a request): the token requests it answered, the refresh tokens it consumed (rotation)
 * and the tokens it destroyed (revocation).
 */
export class ProviderLog {
  readonly grants: GrantRecord[] = []
  /** Refresh tokens the provider marked used (each one rotated away). */
  readonly consumedRefreshTokens: string[] = []
  /** Refresh tokens the provider issued, in order. */
  readonly savedRefreshTokens: string[] = []
  /** `kind:jti` of each token the provider destroyed (e.g. revoked), in order. */
  readonly destroyed: string[] = []

  constructor(provider: Provider) {
    provider.on('grant.success', (ctx: KoaContextWithOIDC) => this.#grant(ctx, undefined))
    provider.on('grant.error', (ctx: KoaContextWithOIDC, error: { error?: string }) =>
      this.#grant(ctx, error.error ?? 'server_error'),
    )
    provider.on('refresh_token.saved', (token: TokenLike) =>
      this.savedRefreshTokens.push(token.jti),
    )
    provider.on('refresh_token.consumed', (token: TokenLike) =>
      this.consumedRefreshTokens.push(token.jti),
    )
    for (const model of ['access_token', 'refresh_token', 'client_credentials']) {
      provider.on(`${model}.destroyed`, (token: TokenLike) =>
        this.destroyed.push(`${token.kind}:${token.jti}`),
      )
    }
  }

  /** The token requests of one grant type. */
  ofGrant(grantType: string): GrantRecord[] {
    return this.grants.filter((grant) => grant.grantType === grantType)
  }

  /** Forgets everything recorded so far. */
  clear(): void {
    for (const list of [
      this.grants,
      this.consumedRefreshTokens,
      this.savedRefreshTokens,
      this.destroyed,
    ]) {
      list.length = 0
    }
  }

  #grant(ctx: KoaContextWithOIDC, error: string | undefined): void {
    const params = ctx.oidc.params ?? {}
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
    this.grants.push({
      grantType: text(params.grant_type) ?? '',
      clientId: ctx.oidc.client?.clientId,
      clientAuthMethod: ctx.oidc.client?.clientAuthMethod,
      refreshToken: text(params.refresh_token),
      error,
    })
  }
}
