import type { IncomingMessage, ServerResponse } from 'node:http'
import type { InteractionDetails, Provider } from 'oidc-provider'
import { escapeHtml } from '../html.js'
import { readBody, sameSecret, sendHtml } from '../http.js'
import type { EndpointRequest, Route } from '../router.js'
import type { VendorName } from '../types.js'

/** Options of the emulator-only test login. */
export interface TestLoginOptions {
  vendor: VendorName
  /** The issuer's path, e.g. `/wealthcom/oidc`. */
  prefix: string
  provider(): Promise<Provider>
  login: { username: string; password: string }
}

function loginPage(action: string, clientId: string, error?: string): string {
  const message = error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Emulator test login</title></head>
<body>
<h1>Emulator test login</h1>
<p>Sign in to <code>${escapeHtml(clientId)}</code>. This page exists only in the vendor-token emulator.</p>
${message}
<form method="post" action="${escapeHtml(action)}">
<label for="username">Username</label> <input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="sign-in">Sign in</button>
<button type="submit" id="cancel" name="cancel" value="1" formnovalidate>Cancel</button>
</form>
</body></html>`
}

/** Grants everything the consent prompt asks for (the test advisor always agrees). */
async function consent(
  provider: Provider,
  details: InteractionDetails,
): Promise<Record<string, unknown>> {
  const missing = details.prompt.details as {
    missingOIDCScope?: string[]
    missingOIDCClaims?: string[]
    missingResourceScopes?: Record<string, string[]>
  }
  const accountId = details.session?.accountId ?? ''
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined
  const grant =
    existing ?? new provider.Grant({ accountId, clientId: String(details.params.client_id) })
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '))
  }
  const grantId = await grant.save()
  return { consent: existing ? {} : { grantId } }
}

/**
 * The interaction pages of an oidc-provider instance, for the emulator only: GET shows a login
 * form; POST with the test username and password logs in; the consent that follows is granted
 * automatically (a GET of the consent interaction redirects straight back). `cancel` ends the
 * sign-in with `error=access_denied`.
 */
export function testLoginRoutes(options: TestLoginOptions): Route[] {
  const path = `${options.prefix}/interaction/:uid`
  const action = (uid: string) => `${options.prefix}/interaction/${encodeURIComponent(uid)}`

  async function details(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<InteractionDetails | undefined> {
    try {
      return await (await options.provider()).interactionDetails(req, res)
    } catch {
      sendHtml(
        res,
        400,
        '<!doctype html><h1>invalid_request</h1><p>The sign-in expired or was not found.</p>',
      )
      return undefined
    }
  }

  async function show({ req, res }: EndpointRequest): Promise<void> {
    req.resume()
    const found = await details(req, res)
    if (!found) return
    const provider = await options.provider()
    if (found.prompt.name === 'consent') {
      return provider.interactionFinished(req, res, await consent(provider, found), {
        mergeWithLastSubmission: true,
      })
    }
    sendHtml(res, 200, loginPage(action(found.uid), String(found.params.client_id)))
  }

  async function submit({ req, res }: EndpointRequest): Promise<void> {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'))
    const found = await details(req, res)
    if (!found) return
    const provider = await options.provider()
    if (form.get('cancel')) {
      const result = { error: 'access_denied', error_description: 'the user cancelled the sign-in' }
      return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false })
    }
    if (found.prompt.name === 'consent') {
      return provider.interactionFinished(req, res, await consent(provider, found), {
        mergeWithLastSubmission: true,
      })
    }
    const username = form.get('username') ?? ''
    const password = form.get('password') ?? ''
    if (username !== options.login.username || !sameSecret(password, options.login.password)) {
      sendHtml(
        res,
        401,
        loginPage(action(found.uid), String(found.params.client_id), 'Wrong username or password.'),
      )
      return
    }
    const result = { login: { accountId: username } }
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false })
  }

  return [
    { vendor: options.vendor, method: 'GET', path, handle: show },
    { vendor: options.vendor, method: 'POST', path, handle: submit },
  ]
}
