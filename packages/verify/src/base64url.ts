const BASE64URL = /^[A-Za-z0-9_-]+$/
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** True for a non-empty unpadded base64url segment (Buffer's decoder would skip bad characters). */
export const isBase64url = (segment: string): boolean => BASE64URL.test(segment)

/** The bytes of a segment already checked with {@link isBase64url}. */
export const segmentBytes = (segment: string): Buffer => Buffer.from(segment, 'base64url')

/** Decodes a segment's bytes as UTF-8; throws on invalid UTF-8. */
export const utf8 = (bytes: Uint8Array): string => strictUtf8.decode(bytes)

/** The 6-bit value of a base64url character (A-Z, a-z, 0-9, '-', '_'), from its char code. */
function sextet(code: number): number {
  if (code >= 97) return code - 71 // a-z: 26..51
  if (code >= 65) return code === 95 ? 63 : code - 65 // A-Z: 0..25, '_': 63
  return code === 45 ? 62 : code + 4 // '-': 62, 0-9: 52..61
}

/**
 * True when an unpadded base64url segment (already checked with {@link isBase64url}) is the one
 * canonical spelling of its bytes: a length that is not 1 more than a multiple of 4, and zero
 * spare bits in the last character (RFC 4648 3.5). Decoders ignore those bits, so without this
 * check up to 16 spellings of one signature would verify (and be cached as distinct tokens).
 */
export function isCanonicalBase64url(segment: string): boolean {
  const rest = segment.length % 4
  if (rest === 0) return true
  if (rest === 1) return false
  const last = sextet(segment.charCodeAt(segment.length - 1))
  return (last & (rest === 2 ? 0b1111 : 0b11)) === 0
}
