/**
 * application/x-www-form-urlencoded encoding of one value (RFC 6749 Appendix B): what RFC 6749
 * 2.3.1 asks for before base64 (so `:` in a client id cannot split it, and `+`, `%`, ` ` survive).
 */
export function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1)
}

/**
 * An `Authorization` header value for HTTP Basic client authentication per RFC 6749 2.3.1:
 * `Basic base64(formEncode(id) + ':' + formEncode(secret))`.
 *
 * @example
 * basicCredentials('my client', 'p:ss') // 'Basic bXkrY2xpZW50OnAlM0Fzcw=='
 */
export function basicCredentials(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${formEncode(id)}:${formEncode(secret)}`, 'utf8').toString('base64')}`
}
