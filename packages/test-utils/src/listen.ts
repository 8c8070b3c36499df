import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A server started by {@link listen}. */
export interface RunningApp {
  url: string
  close(): Promise<void>
}

/** Serves `app` on 127.0.0.1 at a free port. */
export async function listen(app: RequestListener): Promise<RunningApp> {
  const server = createServer(app)
  // A backlog above Node's default 511: the stampede tests open 1,000 connections at once.
  await new Promise<void>((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, resolve),
  )
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
