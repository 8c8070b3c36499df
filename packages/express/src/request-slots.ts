import { IncomingMessage } from 'node:http'

/** The request properties this package sets. */
const SLOTS = ['vendorToken', 'vendorTokens', 'auth'] as const
type Slot = (typeof SLOTS)[number]

const values = new WeakMap<object, Partial<Record<Slot, unknown>>>()
const installed = new WeakSet<object>()

/**
 * Makes `req.vendorToken`, `req.vendorTokens` and `req.auth` cheap to set.
 *
 * Why: Express gives each request a new prototype (`Object.setPrototypeOf(req, app.request)`),
 * and on Node 20 every property added to the request after that copies its whole property
 * table: about 3 µs per property on a request of 70-200 µs (measured in bench/). So these three
 * are accessors on Express's shared request prototype (the object `app.request` inherits from,
 * where Express keeps its own getters), each request's values held in a WeakMap. Reading and
 * assigning them works as for plain properties; an own property, if some code made one, wins.
 * A request without Express's prototype (e.g. a bare Node request) keeps plain properties.
 *
 * @param req - a request passing through the middleware (only its prototype chain is used).
 */
export function installRequestSlots(req: object): void {
  const shared = expressRequestPrototype(req)
  if (shared === undefined || installed.has(shared)) return
  for (const slot of SLOTS) {
    if (Object.hasOwn(shared, slot)) continue
    Object.defineProperty(shared, slot, {
      configurable: true,
      get(this: object) {
        return values.get(this)?.[slot]
      },
      set(this: object, value: unknown) {
        const own = values.get(this)
        if (own === undefined) values.set(this, { [slot]: value })
        else own[slot] = value
      },
    })
  }
  installed.add(shared)
}

/** The prototype just above `IncomingMessage.prototype` in `req`'s chain: Express's `request`. */
function expressRequestPrototype(req: object): object | undefined {
  let proto = Object.getPrototypeOf(req) as object | null
  if (proto === IncomingMessage.prototype) return undefined // a bare Node request
  while (proto !== null) {
    const parent = Object.getPrototypeOf(proto) as object | null
    if (parent === IncomingMessage.prototype) return proto
    proto = parent
  }
  return undefined
}
