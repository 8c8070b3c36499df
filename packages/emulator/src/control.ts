import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Emulator } from './emulator-types.js'
import { InvalidFaultError } from './faults.js'
import { readBody, sendJson, sendOAuthError } from './http.js'
import type { FaultSpec, VendorName } from './types.js'
import { vendorNames } from './types.js'

/** Where the control routes live; no vendor path starts with it. */
export const controlPrefix = '/_emulator'

type Control = Pick<Emulator, 'fault' | 'clearFaults' | 'stats' | 'resetStats' | 'revokeTokens'>

/**
 * Control routes, for driving the emulator from another process (the CLI's `--faults`):
 * `POST /_emulator/faults/<vendor>` (JSON FaultSpec), `DELETE /_emulator/faults[/<vendor>]`,
 * `GET /_emulator/stats[/<vendor>]`, `DELETE /_emulator/stats`,
 * `POST /_emulator/revoke/<vendor>`. Returns false when the path is not a control path.
 */
export async function handleControl(
  control: Control,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  if (!pathname.startsWith(`${controlPrefix}/`)) return false
  const [what, vendorPart, ...rest] = pathname.slice(controlPrefix.length + 1).split('/')
  const method = req.method ?? 'GET'
  const vendor = vendorPart as VendorName | undefined
  if (rest.length > 0 || (vendor !== undefined && !vendorNames.includes(vendor))) {
    req.resume()
    sendOAuthError(res, 404, 'not_found', `vendors: ${vendorNames.join(', ')}`)
    return true
  }
  const done = (body: unknown = { ok: true }) => sendJson(res, 200, body)
  try {
    if (what === 'faults' && method === 'POST' && vendor) {
      const spec = JSON.parse((await readBody(req)).toString('utf8') || '{}') as FaultSpec
      control.fault(vendor, spec)
      done()
    } else if (what === 'faults' && method === 'DELETE') {
      control.clearFaults(vendor)
      done()
    } else if (what === 'stats' && method === 'GET') {
      done(control.stats(vendor))
    } else if (what === 'stats' && method === 'DELETE' && !vendor) {
      control.resetStats()
      done()
    } else if (what === 'revoke' && method === 'POST' && vendor) {
      control.revokeTokens(vendor)
      done()
    } else {
      req.resume()
      sendOAuthError(res, 404, 'not_found', `${method} ${pathname}`)
    }
  } catch (error) {
    const bad = error instanceof SyntaxError || error instanceof InvalidFaultError
    sendOAuthError(res, bad ? 400 : 500, 'invalid_request', (error as Error).message)
  }
  return true
}
