import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorContext } from './context.js'
import { applyFaultBeforeAnswer } from './faults.js'
import { BodyTooLargeError, sendOAuthError } from './http.js'
import type { Router } from './router.js'

/**
 * The server's request listener: routes the request, counts it, applies the vendor's fault, runs
 * the endpoint. Logs method, path and status only (never headers, queries or bodies).
 */
export function createDispatcher(router: Router, ctx: EmulatorContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', ctx.url)
    const method = req.method ?? 'GET'
    res.once('finish', () =>
      ctx.logger.debug?.('emulator request', {
        method,
        path: url.pathname,
        status: res.statusCode,
      }),
    )
    try {
      const match = router.match(method, url.pathname)
      if ('status' in match) {
        req.resume()
        const headers: Record<string, string> = match.allow ? { allow: match.allow } : {}
        const error = match.status === 404 ? 'not_found' : 'method_not_allowed'
        return sendOAuthError(res, match.status, error, `${method} ${url.pathname}`, headers)
      }
      const { endpoint, params } = match
      let fault: ReturnType<EmulatorContext['faults']['take']>
      if (endpoint.kind) {
        ctx.stats.request(endpoint.vendor, endpoint.kind)
        fault = ctx.faults.take(endpoint.vendor, endpoint.kind)
        if (fault) {
          ctx.stats.faulted(endpoint.vendor)
          if (await applyFaultBeforeAnswer(fault, req, res, ctx.signal)) return
        }
      }
      await endpoint.handle({ req, res, url, params, fault })
    } catch (error) {
      if (res.headersSent) {
        res.destroy()
        return
      }
      if (error instanceof BodyTooLargeError) {
        sendOAuthError(res, 413, 'invalid_request', error.message, { connection: 'close' })
        return
      }
      ctx.logger.error?.('emulator handler failed', {
        method,
        path: url.pathname,
        error: error instanceof Error ? error.name : typeof error,
      })
      sendOAuthError(res, 500, 'server_error', 'the emulator failed to handle the request')
    }
  }
}
