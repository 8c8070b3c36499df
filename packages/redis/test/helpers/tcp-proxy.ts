import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A loopback TCP proxy to Redis that a test can cut and restore: the way to make Redis
 * "go down" for some clients without stopping the shared server.
 */
export interface RedisProxy {
  /** `redis://127.0.0.1:<port>` */
  url: string
  port: number
  /** Drops every connection and refuses (resets) new ones until `restore()`. */
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function startRedisProxy(target: string): Promise<RedisProxy> {
  const { hostname, port } = new URL(target)
  const sockets = new Set<Socket>()
  let down = false
  const server: Server = createServer((client) => {
    if (down) {
      client.resetAndDestroy()
      return
    }
    const upstream = connect(Number(port || 6379), hostname || '127.0.0.1')
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => undefined)
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const proxyPort = typeof address === 'object' && address ? address.port : 0
  return {
    url: `redis://127.0.0.1:${proxyPort}`,
    port: proxyPort,
    cut() {
      down = true
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      down = false
    },
    close() {
      down = true
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
