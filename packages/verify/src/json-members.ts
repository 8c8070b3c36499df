/**
 * Counts the member names of a top-level JSON object as written, before `JSON.parse` merges
 * duplicates (it keeps the last). RFC 7519 4: a JWT with duplicate claim names must be rejected
 * (or read with last-wins); we reject, so two parsers can never read different claims.
 * Works on the UTF-8 bytes (structural characters never occur inside a multi-byte sequence) of
 * text that `JSON.parse` already accepted as an object.
 */
export function countTopLevelMembers(json: Uint8Array): number {
  let depth = 0
  let count = 0
  let inString = false
  let expectName = false
  for (let i = 0; i < json.length; i++) {
    const c = json[i]
    if (inString) {
      if (c === 92)
        i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
      continue
    }
    if (c === 34) {
      inString = true
      if (depth === 1 && expectName) {
        count++
        expectName = false
      }
    } else if (c === 123 || c === 91) {
      depth++
      if (depth === 1) expectName = true
    } else if (c === 125 || c === 93) {
      depth--
    } else if (c === 44 && depth === 1) {
      expectName = true
    }
  }
  return count
}

/** True when the parsed object lost members to duplicate names. */
export function hasDuplicateMembers(json: Uint8Array, parsed: object): boolean {
  return countTopLevelMembers(json) !== Object.keys(parsed).length
}
