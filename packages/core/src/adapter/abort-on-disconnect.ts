import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { GetTokenOptions } from '../types.js'

/** The reason a request's signal aborts with when its client went away. */
export class ClientDisconnectedError extends Error {
  override readonly name = 'AbortError'
  readonly code = 'client_disconnected'
  constructor() {
    super('The client closed the connection before the answer')
  }
}

const perConnection = new WeakMap<Socket, GetTokenOptions>()

/**
 * `getToken` options whose `signal` aborts when the client's connection closes, so a request
 * stops waiting for a token its client no longer wants. Works for every framework on Node's http
 * server (Express: `req`; Koa: `ctx.req`).
 *
 * Why per connection and lazy: an AbortSignal costs several microseconds to create on Node 20,
 * more than a cached-token lookup. One signal per keep-alive connection (made only when the
 * manager reads `signal`) keeps the cache-hit path cheap. A connection that closes mid-request
 * means the client is gone; one that closes between requests aborts a signal nobody waits on.
 *
 * @param req - Node's `IncomingMessage` of the request.
 * @example
 * ```ts
 * const token = await manager.getToken('bridgeft', params, abortOnDisconnect(req))
 * ```
 */
export function abortOnDisconnect(req: IncomingMessage): GetTokenOptions {
  const socket = req.socket as Socket | null
  if (socket === null) return { signal: AbortSignal.abort(new ClientDisconnectedError()) }
  let options = perConnection.get(socket)
  if (options === undefined) {
    options = lazySignal(socket)
    perConnection.set(socket, options)
  }
  return options
}

function lazySignal(socket: Socket): GetTokenOptions {
  let signal: AbortSignal | undefined
  return {
    get signal(): AbortSignal {
      if (signal === undefined) {
        const controller = new AbortController()
        signal = controller.signal
        if (socket.destroyed) controller.abort(new ClientDisconnectedError())
        else socket.once('close', () => controller.abort(new ClientDisconnectedError()))
      }
      return signal
    },
  }
}

/** True when the connection closed before the answer was fully written. */
export function clientGone(res: ServerResponse): boolean {
  return res.closed && !res.writableFinished
}
