const BASE64URL = /^[A-Za-z0-9_-]+$/
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** True for a non-empty unpadded base64url segment (Buffer's decoder would skip bad characters). */
export const isBase64url = (segment: string): boolean => BASE64URL.test(segment)

/** The bytes of a segment already checked with {@link isBase64url}. */
export const segmentBytes = (segment: string): Buffer => Buffer.from(segment, 'base64url')

/** Decodes a segment's bytes as UTF-8; throws on invalid UTF-8. */
export const utf8 = (bytes: Uint8Array): string => strictUtf8.decode(bytes)
