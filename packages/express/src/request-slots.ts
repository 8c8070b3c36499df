import { IncomingMessage } from 'node:http'
import { attachToken, type TokenTarget } from '@vendor-token/core/adapter'

/** The request properties this package sets. */
const SLOTS = ['vendorToken', 'vendorTokens', 'auth'] as const
type Slot = (typeof SLOTS)[number]
type SlotValues = Partial<Record<Slot, unknown>>

/** Where a request's values live in its `res.locals`: a symbol, so templates never see them. */
const VALUES = Symbol('vendor-token request slots')
/** For a request that did not come through Express's app.handle (no `res.locals`). */
const detached = new WeakMap<object, SlotValues>()
const installed = new WeakSet<object>()

interface ExpressRequestLike {
  res?: { locals?: Record<PropertyKey, unknown> }
}

/**
 * Makes `req.vendorToken`, `req.vendorTokens` and `req.auth` cheap to set.
 *
 * Why: Express gives each request a new prototype (`Object.setPrototypeOf(req, app.request)`),
 * and on Node 20 a property added to the request after that copies its whole property table
 * (about 3 µs per property, timed in the server under load; bench/). A WeakMap per request is
 * no better under load (about 2.6 µs per insert). So these three are accessors on Express's shared
 * request prototype (the object `app.request` inherits from, where Express keeps its own getters),
 * and their values live in the request's `res.locals`, a null-prototype dictionary Express makes
 * per request, where adding a key is a cheap hash insert, under a symbol that templates do not
 * see. Reading and assigning work as for plain properties; an own property, if some code made one,
 * wins. A request without Express's prototype (e.g. a bare Node request) keeps plain properties.
 *
 * @param req - a request passing through the middleware (only its prototype chain is used).
 * @returns false for a request without Express's prototype, which keeps plain properties.
 */
export function installRequestSlots(req: object): boolean {
  const shared = expressRequestPrototype(req)
  if (shared === undefined) return false
  if (installed.has(shared)) return true
  for (const slot of SLOTS) {
    if (Object.hasOwn(shared, slot)) continue
    Object.defineProperty(shared, slot, {
      configurable: true,
      get(this: ExpressRequestLike) {
        return slotValues(this, false)?.[slot]
      },
      set(this: ExpressRequestLike, value: unknown) {
        slotValues(this, true)[slot] = value
      },
    })
  }
  installed.add(shared)
  return true
}

/**
 * Sets `req.vendorToken` and `req.vendorTokens[vendor]` in one step, writing the slot values
 * directly (no accessor calls): the hot path of `vendorToken`.
 */
export function setRequestToken<T>(req: object, vendor: string, token: T): void {
  const target = installRequestSlots(req) ? slotValues(req as ExpressRequestLike, true) : req
  attachToken(target as TokenTarget<T>, vendor, token)
}

function slotValues(req: ExpressRequestLike, create: true): SlotValues
function slotValues(req: ExpressRequestLike, create: boolean): SlotValues | undefined
function slotValues(req: ExpressRequestLike, create: boolean): SlotValues | undefined {
  const locals = req.res?.locals
  if (locals !== undefined) {
    let values = locals[VALUES] as SlotValues | undefined
    if (values === undefined && create) {
      values = {}
      locals[VALUES] = values
    }
    return values
  }
  let values = detached.get(req)
  if (values === undefined && create) {
    values = {}
    detached.set(req, values)
  }
  return values
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
