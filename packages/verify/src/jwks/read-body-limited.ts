/**
 * Reads a response body as UTF-8 text, chunk by chunk, and stops as soon as it passes
 * `limitBytes`: a server that sends no Content-Length (chunked) or a false one cannot make us
 * hold more than the limit. A declared Content-Length above the limit is refused unread.
 * (Core has the same reader for token responses; verify stands alone, so it has its own.)
 *
 * @returns the text, or `undefined` when the body is larger than the limit
 */
export async function readBodyLimited(
  response: Response,
  limitBytes: number,
): Promise<string | undefined> {
  if (Number(response.headers.get('content-length')) > limitBytes) {
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
