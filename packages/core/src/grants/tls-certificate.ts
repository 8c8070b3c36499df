import type { Dispatcher } from 'undici'

/** A client certificate for RFC 8705 mutual TLS: PEM strings or buffers. */
export interface TlsClientOptions {
  cert: string | Buffer
  key: string | Buffer
  /** CAs to trust for the server's certificate (default: Node's). */
  ca?: string | Buffer | readonly (string | Buffer)[]
}

/**
 * The undici Agent that presents the client certificate: the `dispatcher` of every token
 * request (tls_client_auth, self_signed_tls_client_auth) and of `manager.fetch` for
 * certificate-bound tokens (RFC 8705 3). undici is imported on first use only.
 */
export class TlsClientCertificate {
  readonly #options: TlsClientOptions
  #agent: Promise<Dispatcher> | undefined

  constructor(options: TlsClientOptions) {
    this.#options = options
  }

  dispatcher(): Promise<Dispatcher> {
    this.#agent ??= import('undici').then(({ Agent }) => {
      const { cert, key, ca } = this.#options
      return new Agent({
        connect: ca === undefined ? { cert, key } : { cert, key, ca: ca as string[] },
      })
    })
    return this.#agent
  }

  /** Public: the certificate is sent to every server that asks, only the key is secret. */
  toJSON(): Record<string, unknown> {
    return { cert: true, ca: this.#options.ca !== undefined }
  }
}
