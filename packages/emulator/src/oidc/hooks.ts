import type { Provider } from 'oidc-provider'
import type { EmulatorContext } from '../context.js'
import { reshapes, shapeBody } from '../fault-body.js'
import { faultOf } from '../faults.js'
import type { VendorName } from '../types.js'

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Buffer)
  )
}

/**
 * A post-middleware on the provider (runs after its own handling): remembers when each access
 * token was issued (for early revocation) and applies the faults that reshape a normal answer
 * (`missingFields`, `hugeBodyBytes`, `trickleMs`) to the provider's JSON answers.
 */
export function installHooks(provider: Provider, vendor: VendorName, ctx: EmulatorContext): void {
  provider.use(async (context, next) => {
    await next()
    const body = context.body
    if (!isRecord(body) || context.status >= 300) return
    if (context.oidc?.route === 'token' && typeof body.access_token === 'string') {
      ctx.revocations.issued(vendor, body.access_token, ctx.now())
    }
    const fault = faultOf(context.req)
    if (!reshapes(fault)) return
    const shaped = shapeBody(body, fault, ctx.signal)
    if ('text' in shaped) {
      context.body = shaped.text
    } else {
      context.body = shaped.stream
      if (shaped.length !== undefined) context.length = shaped.length
    }
    context.type = 'application/json'
  })
}
