import { escapeHtml } from '@vendor-token/app-kit'

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
${body}
</body></html>`
}

/** The home page: a way in. */
export function homePage(): string {
  return page(
    'Wealth.com sample',
    `<h1>Wealth.com sample</h1>
<p><a id="sign-in" href="/auth/login?returnTo=%2Fme">Sign in as an advisor</a></p>`,
  )
}

/** The signed-in page: who the advisor is (`sub`), never the token. */
export function signedInPage(advisor: string): string {
  return page(
    'Signed in',
    `<h1>Signed in</h1>
<p>Signed in as <strong id="advisor">${escapeHtml(advisor)}</strong>.</p>
<p><a id="clients" href="/me/clients">Your clients</a></p>
<form method="post" action="/auth/logout"><button id="sign-out" type="submit">Sign out</button></form>`,
  )
}
