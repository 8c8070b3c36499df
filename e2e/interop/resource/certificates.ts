import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A PEM certificate with its private key. */
export interface CertificatePair {
  cert: string
  key: string
}

/** A throwaway PKI for RFC 8705 tests. */
export interface TestPki {
  ca: CertificatePair
  /** For the servers: subjectAltName IP:127.0.0.1, issued by `ca`. */
  server: CertificatePair
  /** A client certificate issued by `ca`, subject `CN=<clientCn>`. */
  client: CertificatePair
  /** A self-signed client certificate (self_signed_tls_client_auth). */
  selfSigned: CertificatePair
}

/**
 * Generates a CA, a server certificate for 127.0.0.1 and two client certificates with the
 * openssl CLI (EC P-256, valid one day) in a temporary folder that is removed afterwards.
 */
export function createTestPki(clientCn: string): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-token-pki-'))
  const file = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })
  const key = (name: string) =>
    openssl(
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      file(`${name}.key`),
    )
  const read = (name: string): CertificatePair => ({
    cert: readFileSync(file(`${name}.crt`), 'utf8'),
    key: readFileSync(file(`${name}.key`), 'utf8'),
  })
  const issue = (name: string, subject: string, extensions: string) => {
    key(name)
    openssl(
      'req',
      '-new',
      '-key',
      file(`${name}.key`),
      '-subj',
      subject,
      '-out',
      file(`${name}.csr`),
    )
    writeFileSync(file(`${name}.ext`), extensions)
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-sha256',
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.crt`),
    )
  }
  try {
    key('ca')
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      file('ca.key'),
      '-subj',
      '/CN=vendor-token test CA',
      '-days',
      '1',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
      '-out',
      file('ca.crt'),
    )
    issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
    issue('client', `/CN=${clientCn}`, 'extendedKeyUsage=clientAuth\n')
    key('self')
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      file('self.key'),
      '-subj',
      `/CN=${clientCn}-self`,
      '-days',
      '1',
      '-addext',
      'extendedKeyUsage=clientAuth',
      '-out',
      file('self.crt'),
    )
    return {
      ca: read('ca'),
      server: read('server'),
      client: read('client'),
      selfSigned: read('self'),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
