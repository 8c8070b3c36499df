import type { X509Certificate } from 'node:crypto'

// The subjectAltName entry prefix Node prints for each RFC 8705 section 2.1.2 client property.
const SAN_PREFIX: Record<string, string> = {
  tls_client_auth_san_dns: 'DNS:',
  tls_client_auth_san_uri: 'URI:',
  tls_client_auth_san_ip: 'IP Address:',
  tls_client_auth_san_email: 'email:',
}

/**
 * Whether a client certificate carries the value a `tls_client_auth` client registered (RFC 8705
 * section 2.1.2): the subject DN (compared as a set of `type=value` attributes, so RFC 4514's
 * reversed order does not matter) or one subjectAltName entry. What oidc-provider's
 * `features.mTLS.certificateSubjectMatches` must answer.
 */
export function certificateSubjectMatches(
  certificate: X509Certificate,
  property: string,
  expected: string,
): boolean {
  if (property === 'tls_client_auth_subject_dn') {
    return sameAttributes(certificate.subject.split('\n'), expected.split(/(?<!\\),/))
  }
  const prefix = SAN_PREFIX[property]
  if (!prefix) return false
  const entries = (certificate.subjectAltName ?? '').split(', ')
  return entries.includes(`${prefix}${expected}`)
}

function sameAttributes(actual: string[], expected: string[]): boolean {
  const normalize = (parts: string[]) =>
    parts
      .map((part) => part.trim())
      .sort()
      .join('\n')
  return normalize(actual) === normalize(expected)
}
