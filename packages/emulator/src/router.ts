import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EndpointKind, FaultSpec, VendorName } from './types.js'

/** What a handler gets for one request. */
export interface EndpointRequest {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  /** `:name` segments of the route path. */
  params: Record<string, string>
  /** The fault applied to this request, for the faults that reshape the normal answer. */
  fault: FaultSpec | undefined
}

/** A vendor endpoint; `kind` makes it count in the stats and receive that kind's faults. */
export interface Endpoint {
  vendor: VendorName
  kind?: EndpointKind
  handle(request: EndpointRequest): Promise<void> | void
}

/** An endpoint at a fixed method and path (`/v1/clients/:id`). */
export interface Route extends Endpoint {
  method: 'GET' | 'POST'
  path: string
}

/** Everything under a prefix (an oidc-provider instance); `resolve` names the endpoint. */
export interface Mount {
  prefix: string
  resolve(method: string, subpath: string): Endpoint
}

/** The result of {@link Router.match}. */
export type Match =
  | { endpoint: Endpoint; params: Record<string, string> }
  | { status: 404 | 405; allow?: string }

interface CompiledRoute {
  route: Route
  pattern: RegExp
  names: string[]
}

/** A tiny router: exact routes with `:params` first, then prefix mounts. */
export class Router {
  #routes: CompiledRoute[] = []
  #mounts: Mount[] = []

  add(...routes: Route[]): this {
    for (const route of routes) {
      const names: string[] = []
      const source = route.path
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/:(\w+)/g, (_, name: string) => {
          names.push(name)
          return '([^/]+)'
        })
      this.#routes.push({ route, pattern: new RegExp(`^${source}$`), names })
    }
    return this
  }

  mount(mount: Mount): this {
    this.#mounts.push(mount)
    this.#mounts.sort((a, b) => b.prefix.length - a.prefix.length)
    return this
  }

  match(method: string, pathname: string): Match {
    const allowed: string[] = []
    for (const { route, pattern, names } of this.#routes) {
      const found = pattern.exec(pathname)
      if (!found) continue
      if (route.method !== method) {
        allowed.push(route.method)
        continue
      }
      const params: Record<string, string> = {}
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]!)
      })
      return { endpoint: route, params }
    }
    if (allowed.length) return { status: 405, allow: allowed.join(', ') }
    for (const mount of this.#mounts) {
      if (pathname === mount.prefix || pathname.startsWith(`${mount.prefix}/`)) {
        return {
          endpoint: mount.resolve(method, pathname.slice(mount.prefix.length) || '/'),
          params: {},
        }
      }
    }
    return { status: 404 }
  }
}
