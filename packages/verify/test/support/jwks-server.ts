import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { JWK } from 'jose'

/** How the server answers: the key set, or one of the failures a real JWKS endpoint shows. */
export type JwksMode = 'ok' | 'down' | 'html' | 'empty' | 'error500' | 'hang'

/** A real JWKS endpoint on 127.0.0.1 (port 0) whose keys and failures tests control. */
export interface JwksServer {
  url: string
  /** Requests received so far. */
  requests: number
  keys: JWK[]
  mode: JwksMode
  /** `Cache-Control` sent with the key set, if any. */
  cacheControl: string | undefined
  close(): Promise<void>
}

export async function startJwksServer(keys: JWK[] = []): Promise<JwksServer> {
  const state: Omit<JwksServer, 'url' | 'close'> = {
    requests: 0,
    keys,
    mode: 'ok',
    cacheControl: undefined,
  }
  const server: Server = createServer((request, response) => {
    state.requests++
    request.resume()
    switch (state.mode) {
      case 'down':
        request.socket.destroy()
        return
      case 'hang':
        return
      case 'html':
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body>Maintenance</body></html>')
        return
      case 'error500':
        response
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"error":"server_error"}')
        return
      default: {
        const headers: Record<string, string> = { 'content-type': 'application/json' }
        if (state.cacheControl !== undefined) headers['cache-control'] = state.cacheControl
        const body = { keys: state.mode === 'empty' ? [] : state.keys }
        response.writeHead(200, headers).end(JSON.stringify(body))
      }
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
}
