import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A listening server: its URL and a close that also drops idle keep-alive connections. */
export interface Listening {
  url: string
  close(): Promise<void>
}

/** Listens on 127.0.0.1 (port 0 = any free port) and resolves once bound. */
export async function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
