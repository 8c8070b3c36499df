import { createConnection, createServer, type Server, type Socket } from 'node:net'

/** A loopback TCP proxy that can be cut (every connection dropped, port closed) and restored. */
export interface TcpProxy {
  /** The proxy's port on 127.0.0.1 (kept across `cut`/`restore`). */
  readonly port: number
  /** Whether the proxy is currently accepting and forwarding. */
  readonly up: boolean
  /** Number of connections accepted so far. */
  readonly accepted: number
  /** Destroys every open connection and stops listening: the target looks dead. */
  cut(): Promise<void>
  /** Listens again on the same port. */
  restore(): Promise<void>
  /** Same as `cut`; for afterAll. */
  close(): Promise<void>
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as { port: number }).port)
    })
  })
}

/**
 * Starts a proxy on 127.0.0.1 forwarding to `target`. Used to take Redis away from a store
 * without stopping the shared Redis server.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let accepted = 0
  let server: Server | undefined
  const makeServer = () =>
    createServer((client) => {
      accepted++
      const upstream = createConnection(target)
      sockets.add(client).add(upstream)
      const drop = () => {
        client.destroy()
        upstream.destroy()
        sockets.delete(client)
        sockets.delete(upstream)
      }
      client.on('error', drop).on('close', drop)
      upstream.on('error', drop).on('close', drop)
      client.pipe(upstream).pipe(client)
    })

  server = makeServer()
  const port = await listen(server, 0)
  const cut = async () => {
    const closing = server
    server = undefined
    for (const socket of sockets) socket.destroy()
    sockets.clear()
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()))
  }
  return {
    port,
    get up() {
      return server !== undefined
    },
    get accepted() {
      return accepted
    },
    cut,
    async restore() {
      if (server) return
      const next = makeServer()
      await listen(next, port)
      server = next
    },
    close: cut,
  }
}
