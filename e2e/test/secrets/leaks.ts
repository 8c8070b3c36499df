/**
 * What must never be printed, and a search that names what leaked without printing it.
 */

/** A value that must not appear, with a label safe to print. */
export interface Needle {
  label: string
  value: string
}

interface Credentials {
  bridgeft: { clientId: string; clientSecret: string }
  modelPortfolios: { clientId: string; clientSecret: string }
  apiture: { clientId: string; clientSecret: string }
  wealthcom: {
    username: string
    password: string
    clientId: string
    clientSecret: string
    testLogin: { username: string; password: string }
  }
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const form = (text: string) => encodeURIComponent(text).replaceAll('%20', '+')

/** Each secret as given, form-encoded, and inside the Basic credential it is sent as. */
export function credentialNeedles(v: Credentials): Needle[] {
  const secrets: [string, string, string | undefined][] = [
    ['bridgeft client secret', v.bridgeft.clientSecret, v.bridgeft.clientId],
    ['modelPortfolios client secret', v.modelPortfolios.clientSecret, v.modelPortfolios.clientId],
    ['apiture client secret', v.apiture.clientSecret, v.apiture.clientId],
    ['wealthcom client secret', v.wealthcom.clientSecret, v.wealthcom.clientId],
    ['wealthcom password', v.wealthcom.password, v.wealthcom.username],
    ['wealthcom test login password', v.wealthcom.testLogin.password, undefined],
  ]
  return secrets.flatMap(([label, secret, id]) => [
    { label, value: secret },
    { label: `${label} (form-encoded)`, value: form(secret) },
    ...(id === undefined
      ? []
      : [
          { label: `${label} (Basic)`, value: base64(`${id}:${secret}`) },
          {
            label: `${label} (Basic, RFC 6749 encoded)`,
            value: base64(`${form(id)}:${form(secret)}`),
          },
        ]),
  ])
}

/** Each token, and for a JWT its signature alone (enough to rebuild the token from its claims). */
export function tokenNeedles(tokens: readonly string[]): Needle[] {
  return tokens.flatMap((token, i) => {
    const signature = token.split('.')[2]
    return [
      { label: `issued token #${i + 1}`, value: token },
      ...(signature && signature.length >= 16
        ? [{ label: `signature of issued token #${i + 1}`, value: signature }]
        : []),
    ]
  })
}

/** Labels of the needles found in `haystacks` (by name), e.g. `bridgeft client secret in stderr`. */
export function findLeaks(haystacks: Record<string, string>, needles: readonly Needle[]): string[] {
  const found: string[] = []
  for (const [where, text] of Object.entries(haystacks)) {
    for (const needle of needles)
      if (text.includes(needle.value)) found.push(`${needle.label} in ${where}`)
  }
  return found
}
