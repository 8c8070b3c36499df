import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One answer of the resource server. */
export interface ResourceAnswer {
  status: number
  headers?: Record<string, string>
}

/** A resource server on 127.0.0.1 (port 0) that records headers and answers from a script. */
export async function startResourceServer(answer: (index: number) => ResourceAnswer) {
  const requests: { method: string; path: string; headers: IncomingHttpHeaders }[] = []
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers })
    const { status, headers } = answer(requests.length - 1)
    req.resume()
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify({ status }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
