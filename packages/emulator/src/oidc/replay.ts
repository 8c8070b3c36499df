import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'

/**
 * A request that carries `body` again after the original stream was read: the emulator reads
 * token requests itself (to count grant types and to accept Apiture's documented Basic + form
 * credentials) and then hands oidc-provider this stand-in, which its body parser reads as usual.
 * It mirrors what Koa and oidc-provider read from a request: headers, method, url, socket.
 */
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = Readable.from([body], { objectMode: false })
  const headers = { ...req.headers, 'content-length': String(body.length) }
  delete headers['transfer-encoding']
  Object.assign(replay, {
    headers,
    rawHeaders: req.rawHeaders,
    method: req.method,
    url: req.url,
    originalUrl: (req as IncomingMessage & { originalUrl?: string }).originalUrl,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
    complete: true,
    aborted: false,
    trailers: {},
    rawTrailers: [],
  })
  return replay as unknown as IncomingMessage
}
