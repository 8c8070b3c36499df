// Minimal typings for the parts of oidc-provider 9 (which ships none) that the emulator uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface ProviderContext {
    req: IncomingMessage
    res: ServerResponse
    method: string
    path: string
    status: number
    body: unknown
    type: string
    length?: number
    oidc?: {
      route?: string
      params?: Record<string, unknown>
      client?: { clientId: string }
    }
  }

  export type ProviderMiddleware = (
    ctx: ProviderContext,
    next: () => Promise<void>,
  ) => Promise<void>

  export interface ClientLike {
    clientId: string
    clientAuthMethod: string
    grantTypeAllowed(type: string): boolean
    redirectUriAllowed(value: string): boolean
  }

  export interface ClientCredentialsToken {
    clientId: string
    scope?: string
    iat: number
    exp: number
    isExpired: boolean
  }

  export interface GrantLike {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    addResourceScope(resource: string, scope: string): void
    save(): Promise<string>
  }

  export interface InteractionDetails {
    uid: string
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> }
    params: Record<string, unknown>
    session?: { accountId?: string }
    grantId?: string
  }

  export interface AdapterPayload {
    [key: string]: unknown
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>
    find(id: string): Promise<AdapterPayload | undefined>
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>
    findByUid(uid: string): Promise<AdapterPayload | undefined>
    consume(id: string): Promise<void>
    destroy(id: string): Promise<void>
    revokeByGrantId(grantId: string): Promise<void>
  }

  export type Configuration = Record<string, unknown>

  export class Provider {
    constructor(issuer: string, configuration?: Configuration)
    readonly issuer: string
    proxy: boolean
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>
    use(middleware: ProviderMiddleware): this
    on(event: string, listener: (...args: unknown[]) => void): this
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
    readonly Grant: {
      new (init: { accountId: string; clientId: string }): GrantLike
      find(id: string): Promise<GrantLike | undefined>
    }
    readonly ClientCredentials: {
      find(
        value: string,
        options?: { ignoreExpiration?: boolean },
      ): Promise<ClientCredentialsToken | undefined>
    }
    readonly Client: { prototype: ClientLike }
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error
  }

  export default Provider
}
