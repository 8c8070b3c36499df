/** Largest token endpoint answer we read: real ones are a few KB. */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Reads a response body as UTF-8 text, stopping as soon as it passes `limitBytes` (a declared
 * Content-Length above the limit is refused before reading anything).
 *
 * @returns the text, or `undefined` when the body is too large
 */
export async function readBodyLimited(
  response: Response,
  limitBytes: number = MAX_BODY_BYTES,
): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'))
  if (declared > limitBytes) {
    await response.body?.cancel().catch(() => {})
    return undefined
  }
  if (response.body === null) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limitBytes) {
      await reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, total).toString('utf8')
}
