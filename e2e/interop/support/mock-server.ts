import {
  type MutableResponse,
  OAuth2Server,
  type TokenRequestIncomingMessage,
} from 'oauth2-mock-server'

/** One token request as oauth2-mock-server received it. */
export interface MockTokenRequest {
  contentType: string | undefined
  authorization: string | undefined
  /** The parsed body (form or JSON). */
  body: Record<string, unknown>
}

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /**
   * The one client the token endpoint accepts. oauth2-mock-server checks no credentials itself;
   * with this set, a request whose credentials (Basic per RFC 6749 section 2.3.1, or in the body)
   * do not name this client is answered `401 invalid_client`, as a real server would.
   */
  client?: { id: string; secret: string }
}

/** A running oauth2-mock-server; see {@link startMockServer}. */
export interface MockServer {
  /** `http://127.0.0.1:<port>`: discovery is at `/.well-known/openid-configuration`. */
  issuer: string
  tokenUrl: string
  /** Every token request, in order. */
  requests: MockTokenRequest[]
  server: OAuth2Server
  close(): Promise<void>
}

/**
 * Starts oauth2-mock-server (one RS256 key) on 127.0.0.1 port 0. Its token requests are recorded
 * through its documented `beforeResponse` hook, which also refuses a wrong client when
 * `options.client` is given.
 *
 * @example
 * const mock = await startMockServer({ client: { id: 'c', secret: 's' } })
 * clientCredentials({ tokenUrl: mock.tokenUrl, clientId: 'c', clientSecret: 's', auth: 'post' })
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const server = new OAuth2Server()
  await server.issuer.keys.generate('RS256')
  await server.start(0, '127.0.0.1')
  const issuer = server.issuer.url
  if (!issuer) throw new Error('oauth2-mock-server did not report its issuer URL')
  const requests: MockTokenRequest[] = []
  server.service.on(
    'beforeResponse',
    (response: MutableResponse, req: TokenRequestIncomingMessage) => {
      const body = req.body as unknown as Record<string, unknown>
      requests.push({
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        body,
      })
      if (options.client && !presents(options.client, req.headers.authorization, body)) {
        response.statusCode = 401
        response.body = { error: 'invalid_client' }
      }
    },
  )
  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    requests,
    server,
    close: () => server.stop(),
  }
}

// Whether the request authenticates as `client`, by Basic (RFC 6749 section 2.3.1: each part
// form-encoded before base64) or by client_id and client_secret in the body.
function presents(
  client: { id: string; secret: string },
  authorization: string | undefined,
  body: Record<string, unknown>,
): boolean {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '))
    return (
      formDecode(decoded.slice(0, colon)) === client.id &&
      formDecode(decoded.slice(colon + 1)) === client.secret
    )
  }
  return body.client_id === client.id && body.client_secret === client.secret
}
