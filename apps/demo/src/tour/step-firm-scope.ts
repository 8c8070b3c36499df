import type { TourStep } from './context.js'
import { get } from './http.js'
import { measure, plural } from './stats.js'

const FIRMS = [39, 792]

/** Step 5: BridgeFT's firm_ids scope the token, so the vendor returns only those firms' data. */
export const firmScopeStep: TourStep = {
  title: 'A firm-scoped token',
  intro: [
    'The BridgeFT app passes the firm ids of each request (x-firm-ids header or ?firm_ids=) as',
    "the token request's firm_ids: the vendor then returns only those firms' accounts. The ids",
    'are sorted in the cache key, so "39,792" and "792,39" share one token.',
  ],
  async run({ emulator, manager, apps, print }) {
    const app = apps.bridgeft
    const url = app.url + app.path
    const all = await get(url)
    const { result, delta } = await measure(emulator, app.vendor, async () => [
      await get(url, { 'x-firm-ids': FIRMS.join(',') }),
      await get(`${url}?firm_ids=${[...FIRMS].reverse().join(',')}`),
    ])
    const [byHeader, byQuery] = result as [typeof all, typeof all]
    const allFirms = firmsIn(all.body)
    const scopedFirms = firmsIn(byHeader.body)
    const queryFirms = firmsIn(byQuery.body)
    const onlyThose = [...scopedFirms, ...queryFirms].every((id) => FIRMS.includes(Number(id)))
    print.fact(
      `unscoped token: ${accountCount(all.body)} accounts of firms ${[...new Set(allFirms)].join(', ')}`,
    )
    print.fact(
      `x-firm-ids: ${FIRMS.join(',')} -> ${accountCount(byHeader.body)} accounts of firms ` +
        `${[...new Set(scopedFirms)].join(', ')}; ?firm_ids=${[...FIRMS].reverse().join(',')} -> ` +
        `${accountCount(byQuery.body)} accounts`,
    )
    print.fact(`both orders -> ${plural(delta.tokenRequests, 'token request')} (one cache key)`)
    // The token's own claims say which firms it covers (claims are not secret; the token is).
    const token = await manager.getToken(app.vendor, { firmIds: FIRMS })
    const claimed = (token.claims?.app as { firm_ids?: unknown } | undefined)?.firm_ids
    print.fact(`the token's app.firm_ids claim: ${JSON.stringify(claimed)}`)
    const scopedOk = byHeader.status === 200 && byQuery.status === 200 && scopedFirms.length > 0
    return {
      checks: [
        { label: "only firms 39 and 792's accounts came back", ok: scopedOk && onlyThose },
        { label: 'one token for both orders of the ids', ok: delta.tokenRequests === 1 },
        {
          label: 'the token is scoped to those firms',
          ok: JSON.stringify(claimed) === JSON.stringify(FIRMS),
        },
      ],
      summary:
        `firms ${FIRMS.join(',')}: ${accountCount(byHeader.body)} of ${accountCount(all.body)} accounts, ` +
        plural(delta.tokenRequests, 'token request'),
    }
  },
}

function accountsIn(body: unknown): Record<string, unknown>[] {
  const accounts = (body as { accounts?: unknown } | undefined)?.accounts
  return Array.isArray(accounts) ? (accounts as Record<string, unknown>[]) : []
}

function accountCount(body: unknown): number {
  return accountsIn(body).length
}

function firmsIn(body: unknown): unknown[] {
  return accountsIn(body).map((account) => account.firm_id ?? account.firmId)
}
