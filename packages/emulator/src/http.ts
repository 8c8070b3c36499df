import type { IncomingMessage, ServerResponse } from 'node:http'

/** Largest request body the emulator reads (larger bodies get 413). */
export const requestBodyLimit = 64 * 1024

/** Thrown by {@link readBody} when the body is larger than the limit. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError'
}

/** Reads the whole request body, up to `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = requestBodyLimit): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new BodyTooLargeError(`request body larger than ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks, size)
}

/** The media type of the request (lower case, without parameters), or ''. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Writes a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(text)
}

/** Writes an RFC 6749 5.2 / RFC 6750 3.1 style error answer. */
export function sendOAuthError(
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error, error_description: description }, headers)
}

/** Writes an HTML answer. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'cache-control': 'no-store',
  })
  res.end(html)
}

/** Credentials from an `Authorization: Basic` header. */
export interface BasicCredentials {
  id: string
  secret: string
}

/** RFC 6749 Appendix B: application/x-www-form-urlencoded decoding of one value. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, '%20'))
}

/**
 * Parses `Authorization: Basic ...`. With `formEncoded` (RFC 6749 2.3.1) both parts are
 * form-urlencoded before base64, so they are decoded after the split; otherwise they are taken
 * as they are (plain RFC 7617). Undefined when the header is missing or not valid Basic.
 */
export function parseBasic(
  header: string | undefined,
  { formEncoded }: { formEncoded: boolean },
): BasicCredentials | undefined {
  const match = /^basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header?.trim() ?? '')
  if (!match) return undefined
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 1) return undefined
  try {
    const id = decoded.slice(0, colon)
    const secret = decoded.slice(colon + 1)
    return formEncoded ? { id: formDecode(id), secret: formDecode(secret) } : { id, secret }
  } catch {
    return undefined
  }
}

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive), or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(req.headers.authorization?.trim() ?? '')
  return match?.[1]
}

/** Compares two secrets without an early exit on the first differing character. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  let diff = left.length ^ right.length
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    diff |= (left[i] ?? 0) ^ (right[i] ?? 0)
  }
  return diff === 0
}
