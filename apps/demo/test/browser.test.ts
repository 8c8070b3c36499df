import { launchChromium } from '@vendor-token/app-kit/testing'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type RunningDemo, startDemo } from '../src/demo.js'
import { parsePrometheusText } from './prometheus-text.js'

const VENDORS = ['bridgeft', 'modelPortfolios', 'apiture', 'wealthcom']
/** States a key has once the tour touched it; `empty` means the vendor was never used. */
const LIVE_STATES = ['fetching', 'valid', 'refreshing', 'expired', 'failed']

let demo: RunningDemo | undefined
let browser: Browser | undefined
const printed: string[] = []

beforeAll(async () => {
  const sink = { write: (text: string) => printed.push(text) }
  demo = await startDemo({ port: 0, out: sink, err: sink, logLevel: 'debug' })
  browser = await launchChromium()
})

interface Row {
  vendor: string | undefined
  state: string | undefined
  badge: string | null | undefined
  cells: string[]
}

/**
 * Runs a read of the page again when a reload interrupts it: the page reloads itself every 2 s.
 */
async function readPage<T>(page: Page, read: () => T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForSelector('#generated')
      return await page.evaluate(read)
    } catch (error) {
      if (attempt >= 5 || !/context was destroyed|navigat/i.test(String(error))) throw error
    }
  }
}

/** Title and table rows, read in one go. */
function snapshot(page: Page): Promise<{ title: string; rows: Row[] }> {
  return readPage(page, () => ({
    title: document.title,
    rows: [...document.querySelectorAll('tbody tr')].map((tr) => ({
      vendor: (tr as HTMLElement).dataset.vendor,
      state: (tr as HTMLElement).dataset.state,
      badge: tr.querySelector('.state')?.textContent,
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    })),
  }))
}

function generatedAt(page: Page): Promise<string | null> {
  return readPage(
    page,
    () => document.querySelector('#generated')?.getAttribute('data-generated-at') ?? null,
  )
}

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

test('the status page shows the four vendors with live states, in a real browser', async () => {
  expect(demo!.ok, printed.join('')).toBe(true)
  const page = await browser!.newPage()
  await page.goto(demo!.statusUrl!)
  const { title, rows } = await snapshot(page)
  expect(title).toContain('token status')
  expect(new Set(rows.map((row) => row.vendor))).toEqual(new Set(VENDORS))
  for (const vendor of VENDORS) {
    const live = rows.filter((row) => row.vendor === vendor && LIVE_STATES.includes(row.state!))
    expect(live.length, `${vendor}: ${JSON.stringify(rows)}`).toBeGreaterThan(0)
  }
  // Cells: vendor, key, key hash, state, expires in, fetches, last error.
  for (const row of rows) {
    expect(row.badge).toBe(row.state) // what a person sees is the state
    expect(row.cells[4]).toMatch(/\d/) // expires-in, e.g. "59 min 58 s" or "expired 2.0 s ago"
    expect(row.cells[5]).toMatch(/^\d+$/) // fetch count
  }
  for (const vendor of VENDORS) {
    const fetches = rows
      .filter((row) => row.vendor === vendor)
      .reduce((total, row) => total + Number(row.cells[5]), 0)
    expect(fetches, vendor).toBeGreaterThan(0)
  }
  // BridgeFT's firm-scoped keys from the tour are listed separately from its unscoped key.
  expect(rows.filter((row) => row.vendor === 'bridgeft').length).toBeGreaterThanOrEqual(3)
  // Each row holding a token is a series of /metrics, labelled with the Key hash the page shows.
  const { samples } = parsePrometheusText(await (await fetch(`${demo!.statusUrl}metrics`)).text())
  const series = new Set(
    samples
      .filter((sample) => sample.name === 'vendor_token_token_time_to_expiry')
      .map(
        (sample) => `${sample.labels.vendor_token_vendor} ${sample.labels.vendor_token_key_hash}`,
      ),
  )
  const holding = rows.filter((row) => ['valid', 'refreshing', 'expired'].includes(row.state!))
  expect(holding.length).toBeGreaterThanOrEqual(VENDORS.length)
  for (const row of holding) expect(series).toContain(`${row.vendor} ${row.cells[2]}`)
})

test('the page reloads itself with fresh figures', async () => {
  const page = await browser!.newPage()
  await page.goto(demo!.statusUrl!)
  const first = await generatedAt(page)
  await page.waitForFunction(
    (before) => document.querySelector('#generated')?.getAttribute('data-generated-at') !== before,
    first,
    { timeout: 20_000 },
  )
  const second = await generatedAt(page)
  expect(Number(second)).toBeGreaterThan(Number(first))
})

test('no token the demo holds is printed (debug logs included), on the page or in /metrics', async () => {
  const manager = demo!.manager
  const tokens = await Promise.all([
    manager.getToken('bridgeft'),
    manager.getToken('bridgeft', { firmIds: [39] }),
    manager.getToken('bridgeft', { firmIds: [39, 792] }),
    manager.getToken('modelPortfolios'),
    manager.getToken('wealthcom'),
  ])
  const page = await (await fetch(demo!.statusUrl!)).text()
  const metrics = await (await fetch(`${demo!.statusUrl}metrics`)).text()
  const everything = printed.join('') + page + metrics
  expect(printed.join('')).toMatch(/DEBUG/)
  for (const token of tokens) {
    expect(everything).not.toContain(token.accessToken)
    expect(everything).not.toContain(token.authorization)
  }
})
