// Minimal typings for the parts of oidc-provider 9 (which ships none) that the interop suite uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  import type { TLSSocket } from 'node:tls'

  /** The Koa context oidc-provider hands to its configuration helpers and event listeners. */
  export interface KoaContextWithOIDC {
    req: IncomingMessage
    socket: TLSSocket
    oidc: {
      route?: string
      params?: Record<string, unknown>
      client?: { clientId: string; clientAuthMethod: string }
    }
  }

  /** A token model instance as the `<model>.saved` / `.consumed` / `.destroyed` events pass it. */
  export interface TokenLike {
    jti: string
    kind: string
    clientId?: string
    grantId?: string
  }

  export type Configuration = Record<string, unknown>

  export class Provider {
    constructor(issuer: string, configuration?: Configuration)
    readonly issuer: string
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>
    on(event: string, listener: (...args: never[]) => void): this
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error
  }

  export default Provider
}
