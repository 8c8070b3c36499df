import { createServer, type RequestListener } from 'node:http'
import { TokenManager } from '@vendor-token/core'
import { listen } from './listen.js'

/** A started app; `close` stops the server, `onClose`, and the manager if `serve` created it. */
export interface RunningApp {
  url: string
  manager: TokenManager
  close(): Promise<void>
}

/** Options of {@link serve}. */
export interface ServeOptions {
  /** A manager to share; default a new one, which `close` then closes too. */
  manager?: TokenManager
  /** Port on 127.0.0.1. Default 0: any free port. */
  port?: number
}

/** What {@link serve} hands the app factory: the manager and the URL the server listens on. */
export interface ServeContext {
  manager: TokenManager
  url: string
}

/**
 * Listens on 127.0.0.1 first, then builds the request handler (so the app can know its own URL,
 * e.g. for an OAuth redirect URI). If building throws, everything started is stopped again.
 * @param app - builds the handler: an express app, or a Koa app's `callback()`.
 * @param onClose - stops what the app started besides the server (e.g. a verifier).
 * @example
 * const running = await serve({ port: 3000 }, ({ manager }) => createApp({ settings, manager }))
 */
export async function serve(
  options: ServeOptions,
  app: (context: ServeContext) => RequestListener,
  onClose?: () => Promise<void>,
): Promise<RunningApp> {
  const manager = options.manager ?? new TokenManager()
  const server = createServer()
  const listening = await listen(server, options.port ?? 0)
  const close = async () => {
    await listening.close()
    await onClose?.()
    if (!options.manager) await manager.close()
  }
  try {
    server.on('request', app({ manager, url: listening.url }))
  } catch (error) {
    await close()
    throw error
  }
  return { url: listening.url, manager, close }
}
