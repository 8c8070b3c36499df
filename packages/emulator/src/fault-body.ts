import type { ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { sendJson } from './http.js'
import { onAbort } from './on-abort.js'
import type { FaultSpec } from './types.js'

/** The token field of every dialect the emulator speaks. */
const tokenFields = ['access_token', 'AccessToken', 'accessTtoken', 'accessToken']

/** A JSON answer after the reshaping faults: a text, or a stream (huge or trickling). */
export type ShapedBody = { text: string } | { stream: Readable; length?: number }

/** Whether the fault reshapes the normal answer (rather than replacing it). */
export function reshapes(fault: FaultSpec | undefined): fault is FaultSpec {
  return Boolean(fault && (fault.missingFields || fault.hugeBodyBytes || fault.trickleMs))
}

/** The body without its token field, or `{}` when it has none. */
function withoutTokenField(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {}
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) }
  const present = tokenFields.filter((field) => field in copy)
  if (present.length === 0) return {}
  for (const field of present) delete copy[field]
  return copy
}

/** `{...body, "padding": "xxx…"}` of about `bytes` bytes, produced lazily in 64 KiB chunks. */
function hugeStream(text: string, bytes: number, signal: AbortSignal): Readable {
  const open =
    text.endsWith('}') && text.length > 2 ? `${text.slice(0, -1)},"padding":"` : '{"padding":"'
  let remaining = Math.max(0, bytes - open.length - 2)
  let started = false
  const stream = new Readable({
    read() {
      if (!started) {
        started = true
        this.push(open)
        return
      }
      if (remaining <= 0) {
        this.push('"}')
        this.push(null)
        return
      }
      const size = Math.min(remaining, 64 * 1024)
      remaining -= size
      this.push('x'.repeat(size))
    },
  })
  return destroyedOnAbort(stream, signal)
}

/** Destroys the stream when the emulator closes (until the stream closes by itself). */
function destroyedOnAbort(stream: Readable, signal: AbortSignal): Readable {
  const removeHook = onAbort(signal, () => stream.destroy())
  stream.once('close', removeHook)
  return stream
}

/** The text, one byte every `everyMs`. */
function trickleStream(text: string, everyMs: number, signal: AbortSignal): Readable {
  const bytes = Buffer.from(text)
  let index = 0
  let timer: NodeJS.Timeout | undefined
  const stream = new Readable({
    read() {
      if (timer) return
      timer = setTimeout(() => {
        timer = undefined
        if (index >= bytes.length) this.push(null)
        else this.push(bytes.subarray(index, ++index))
      }, everyMs)
    },
    destroy(error, callback) {
      clearTimeout(timer)
      callback(error)
    },
  })
  return destroyedOnAbort(stream, signal)
}

/** Applies `missingFields`, then `hugeBodyBytes` or `trickleMs`, to a JSON answer body. */
export function shapeBody(body: unknown, fault: FaultSpec, signal: AbortSignal): ShapedBody {
  const text = JSON.stringify(fault.missingFields ? withoutTokenField(body) : body)
  if (fault.hugeBodyBytes) return { stream: hugeStream(text, fault.hugeBodyBytes, signal) }
  if (fault.trickleMs) {
    return { stream: trickleStream(text, fault.trickleMs, signal), length: Buffer.byteLength(text) }
  }
  return { text }
}

/** Writes a JSON answer, reshaped by the request's fault when it has one. */
export function sendJsonWithFault(
  res: ServerResponse,
  status: number,
  body: unknown,
  fault: FaultSpec | undefined,
  signal: AbortSignal,
  headers: Record<string, string> = {},
): void {
  if (!reshapes(fault) || status >= 300) {
    sendJson(res, status, body, headers)
    return
  }
  const shaped = shapeBody(body, fault, signal)
  if ('text' in shaped) {
    sendJson(res, status, JSON.parse(shaped.text), headers)
    return
  }
  const head: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
  }
  if (shaped.length !== undefined) head['content-length'] = String(shaped.length)
  res.writeHead(status, head)
  // The client may give up (that is the point of these faults): errors just end the answer.
  pipeline(shaped.stream, res).catch(() => undefined)
}
