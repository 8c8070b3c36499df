import type { IncomingMessage, ServerResponse } from 'node:http'
import { delay } from './on-abort.js'
import type { EndpointKind, FaultSpec, VendorName } from './types.js'

const kinds: readonly EndpointKind[] = ['token', 'resource', 'jwks', 'discovery']

/** Thrown by `emulator.fault()` for a spec that cannot work. */
export class InvalidFaultError extends TypeError {
  override name = 'InvalidFaultError'
}

function validate(spec: FaultSpec): void {
  if (spec.on !== undefined && !kinds.includes(spec.on)) {
    throw new InvalidFaultError(`fault.on must be one of ${kinds.join(', ')}`)
  }
  for (const key of [
    'times',
    'latencyMs',
    'hugeBodyBytes',
    'trickleMs',
    'tokenTtlSeconds',
  ] as const) {
    const value = spec[key]
    if (
      value !== undefined &&
      !(Number.isInteger(value) && value >= (key === 'latencyMs' ? 0 : 1))
    ) {
      throw new InvalidFaultError(`fault.${key} must be a positive integer`)
    }
  }
  if (
    spec.status !== undefined &&
    !(Number.isInteger(spec.status) && spec.status >= 200 && spec.status <= 599)
  ) {
    throw new InvalidFaultError('fault.status must be an HTTP status code')
  }
}

/** The current fault of every vendor (one per vendor; a new one replaces the old). */
export class Faults {
  #byVendor = new Map<VendorName, { spec: FaultSpec; remaining: number }>()

  set(vendor: VendorName, spec: FaultSpec): void {
    validate(spec)
    this.#byVendor.set(vendor, {
      spec: { ...spec },
      remaining: spec.times ?? Number.POSITIVE_INFINITY,
    })
  }

  clear(vendor?: VendorName): void {
    if (vendor) this.#byVendor.delete(vendor)
    else this.#byVendor.clear()
  }

  /** The fault for this request of `vendor` at a `kind` endpoint, counting it against `times`. */
  take(vendor: VendorName, kind: EndpointKind): FaultSpec | undefined {
    const current = this.#byVendor.get(vendor)
    if (!current || (current.spec.on ?? 'token') !== kind) return undefined
    current.remaining -= 1
    if (current.remaining <= 0) this.#byVendor.delete(vendor)
    return current.spec
  }
}

const faultKey = Symbol('vendor-token-emulator.fault')

/** Attaches the request's fault so that code further down (oidc-provider hooks) can see it. */
export function attachFault(req: IncomingMessage, fault: FaultSpec | undefined): void {
  ;(req as IncomingMessage & { [faultKey]?: FaultSpec })[faultKey] = fault
}

/** The fault attached to `req`, if any. */
export function faultOf(req: IncomingMessage | undefined): FaultSpec | undefined {
  return (req as (IncomingMessage & { [faultKey]?: FaultSpec }) | undefined)?.[faultKey]
}

function defaultErrorBody(status: number): string {
  const error =
    status === 429
      ? 'too_many_requests'
      : status === 503
        ? 'temporarily_unavailable'
        : 'server_error'
  return JSON.stringify({ error, error_description: `emulated fault: HTTP ${status}` })
}

const htmlPage =
  '<!doctype html><html><head><title>Gateway</title></head><body><h1>Gateway error</h1></body></html>'

/**
 * Applies the faults that come before or instead of the normal answer. Returns true when the
 * request was answered (or deliberately left hanging / reset) and the handler must not run.
 */
export async function applyFaultBeforeAnswer(
  fault: FaultSpec,
  req: IncomingMessage,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<boolean> {
  if (fault.latencyMs) {
    // false: the emulator is closing and the connection is being destroyed
    if (!(await delay(fault.latencyMs, signal))) return true
  }
  if (fault.reset) {
    req.socket.destroy()
    return true
  }
  if (fault.hang) {
    req.resume() // drain the body; never answer (close() ends the connection)
    return true
  }
  if (fault.malformedJson) {
    req.resume()
    const text = fault.body ?? '{"access_token": "eyJhbGciOiJSUzI1NiJ9.trunc'
    res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' })
    res.end(text)
    return true
  }
  if (fault.contentType) {
    req.resume()
    res.writeHead(fault.status ?? 200, { 'content-type': fault.contentType })
    res.end(fault.body ?? htmlPage)
    return true
  }
  if (fault.status !== undefined) {
    req.resume()
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (fault.retryAfterSeconds !== undefined)
      headers['retry-after'] = String(fault.retryAfterSeconds)
    res.writeHead(fault.status, headers)
    res.end(fault.body ?? defaultErrorBody(fault.status))
    return true
  }
  return false
}
