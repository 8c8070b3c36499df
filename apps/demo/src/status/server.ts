import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TokenManager } from '@vendor-token/core'
import { tokenRows } from '../token-rows.js'
import { renderStatusPage } from './page.js'

/** What the status server shows. */
export interface StatusServerOptions {
  manager: TokenManager
  /** Answers `/metrics` (the demo's: the OpenTelemetry Prometheus exporter's handler). */
  serveMetrics(req: IncomingMessage, res: ServerResponse): void
  apps: readonly { name: string; url: string }[]
  /** 0 = any free port. When the port is taken, falls back to any free port. */
  port: number
  refreshSeconds?: number
}

/** The running status server. */
export interface StatusServer {
  url: string
  /** True when the asked-for port was taken and another one was used. */
  fellBack: boolean
  close(): Promise<void>
}

/**
 * Serves `/` (HTML status page), `/status.json` (manager.status()) and `/metrics` (Prometheus
 * text) on 127.0.0.1.
 */
export async function startStatusServer(options: StatusServerOptions): Promise<StatusServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'GET only')
    if (path === '/') {
      const html = renderStatusPage({
        now: Date.now(),
        vendors: [...options.manager.sources.keys()],
        rows: tokenRows(options.manager),
        apps: options.apps,
        refreshSeconds: options.refreshSeconds ?? 2,
      })
      return send(res, 200, 'text/html; charset=utf-8', html)
    }
    if (path === '/status.json') {
      return send(res, 200, 'application/json', JSON.stringify(options.manager.status()))
    }
    if (path === '/metrics') return options.serveMetrics(req, res)
    return send(res, 404, 'text/plain', 'not found')
  })
  let fellBack = false
  try {
    await listenOn(server, options.port)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port === 0) throw error
    fellBack = true
    await listenOn(server, 0)
  }
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    fellBack,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function listenOn(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function send(res: ServerResponse, status: number, type: string, body: string): undefined {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
  return undefined
}
