import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorContext } from '../context.js'
import { attachFault } from '../faults.js'
import { mediaType, readBody } from '../http.js'
import type { EndpointRequest, Mount } from '../router.js'
import type { EndpointKind, VendorName } from '../types.js'
import { replayRequest } from './replay.js'

/** How an oidc-provider instance is mounted under a path prefix. */
export interface OidcMountOptions {
  vendor: VendorName
  /** The issuer's path, e.g. `/apiture/oidc`. */
  prefix: string
  ctx: EmulatorContext
  /** The current provider's request handler (built lazily; a key rotation swaps the provider). */
  handler(): Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>>
  /**
   * Sees each form-encoded token request first: returns the form to hand on (possibly changed),
   * or undefined after answering the request itself.
   */
  beforeToken?(
    req: IncomingMessage,
    res: ServerResponse,
    form: URLSearchParams,
  ): URLSearchParams | undefined
}

function kindOf(method: string, subpath: string): EndpointKind | undefined {
  if (method === 'POST' && subpath === '/token') return 'token'
  if (method === 'GET' && subpath === '/jwks') return 'jwks'
  if (method === 'GET' && subpath === '/.well-known/openid-configuration') return 'discovery'
  return undefined
}

/**
 * Mounts an oidc-provider instance the way Express does (`req.originalUrl` keeps the full URL,
 * `req.url` loses the prefix). Token requests are read here first to count their grant type.
 */
export function oidcMount(options: OidcMountOptions): Mount {
  const { vendor, prefix, ctx } = options

  async function forward(
    { req, res, fault }: EndpointRequest,
    kind: EndpointKind | undefined,
  ): Promise<void> {
    let target = req
    if (kind === 'token') {
      const body = await readBody(req)
      const isForm = mediaType(req) === 'application/x-www-form-urlencoded'
      const form = isForm ? new URLSearchParams(body.toString('utf8')) : undefined
      ctx.stats.grantType(vendor, form?.get('grant_type') ?? undefined)
      let payload = body
      if (form && options.beforeToken) {
        const handedOn = options.beforeToken(req, res, form)
        if (!handedOn) return
        payload = Buffer.from(handedOn.toString())
      }
      target = replayRequest(req, payload)
    }
    attachFault(target, fault)
    const url = req.url ?? '/'
    const rest = url.slice(prefix.length)
    Object.assign(target, { originalUrl: url, url: rest.startsWith('/') ? rest : `/${rest}` })
    const handle = await options.handler()
    await handle(target, res)
  }

  return {
    prefix,
    resolve(method, subpath) {
      const kind = kindOf(method, subpath)
      return { vendor, ...(kind ? { kind } : {}), handle: (request) => forward(request, kind) }
    },
  }
}
