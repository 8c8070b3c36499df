#!/usr/bin/env node
// Release checks, run by CI after the build (`npm run check:release`):
//   1. `changeset status`;
//   2. the release rehearsal of `npm run release:dry` (e2e/release/publish-dry-run.mjs): in a
//      temporary copy, `changeset version` bumps versions and writes changelogs, then
//      `npm publish --dry-run` runs for every published package;
//   3. `npm pack` of every published package (packages/* that are not private), checking the
//      tarball: LICENSE, README, dist, no src/test, no declaration maps, and every source map
//      self-contained (`sourcesContent` for each source: the maps point at ../src, not shipped);
//   4. the tarballs installed into a fresh folder outside the repo (no workspace links):
//      `npx vendor-token-emulator --port 0 --faults` starts the installed emulator (its banner
//      gives the four vendors' settings; `--help` and a fault set over HTTP are checked), an ESM
//      script imports each package and runs a small example against it, and `tsc --noEmit`
//      type-checks a consumer file that uses `req.vendorToken`. Helpers and the consumer's files
//      live in e2e/release/. A CommonJS file (require.cjs) require()s every package there too.
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmulatorCli } from '../e2e/release/emulator-cli.mjs'
import { copyRepo, rehearsePublish } from '../e2e/release/publish-dry-run.mjs'
import { tarballProblems } from '../e2e/release/tarball-contents.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const keep = process.argv.includes('--keep')
const temps = []
const failures = []

const log = (message) => console.log(`[release] ${message}`)
const tempDir = (label) => {
  const dir = mkdtempSync(join(tmpdir(), `vt-release-${label}-`))
  temps.push(dir)
  return dir
}
/** Runs a command; returns stdout; throws with its output on a non-zero exit. */
const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe', timeout: 300_000, ...options })

async function step(title, fn) {
  const started = Date.now()
  log(`${title} ...`)
  try {
    await fn()
    log(`${title}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  } catch (error) {
    failures.push(title)
    const output = [error.stdout, error.stderr].filter(Boolean).join('\n')
    console.error(`[release] ${title}: FAILED\n${error.message}${output ? `\n${output}` : ''}`)
  }
}

/** The published packages: packages/* whose package.json is not private. */
function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((dir) => ({ dir: join(root, 'packages', dir) }))
    .filter(({ dir }) => existsSync(join(dir, 'package.json')))
    .map(({ dir }) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private)
}

const packages = publishedPackages()
const tarballs = []

await step('changeset status', () => {
  const out = run(join(root, 'node_modules/.bin/changeset'), ['status', '--verbose'], { cwd: root })
  for (const line of out.trim().split('\n')) log(`  ${line}`)
})

await step('changeset version + npm publish --dry-run (temporary copy)', () => {
  const copy = copyRepo({ root, run })
  temps.push(copy)
  rehearsePublish({ root, copy, run, log })
})

await step(`npm pack (${packages.length} published packages)`, () => {
  const packDir = tempDir('pack')
  for (const { dir, pkg } of packages) {
    if (!existsSync(join(dir, 'dist/index.js')))
      throw new Error(`${pkg.name}: no dist; run the build first`)
    const [info] = JSON.parse(
      run('npm', ['pack', dir, '--json', '--pack-destination', packDir], { cwd: root }),
    )
    const tarball = join(packDir, info.filename)
    const problems = tarballProblems(tarball, run)
    if (problems.length) throw new Error(`${pkg.name}: ${problems.join(', ')}`)
    tarballs.push(tarball)
    log(
      `  ${info.filename}: ${info.files.length} files, ${(info.size / 1024).toFixed(1)} kB packed`,
    )
  }
})

await step('install the tarballs into a fresh folder and run the consumer example', async () => {
  if (tarballs.length !== packages.length) throw new Error('packing failed; nothing to install')
  const consumer = tempDir('consumer')
  cpSync(join(root, 'e2e/release/consumer'), consumer, { recursive: true })
  const deps = ['express', 'koa', 'typescript@7', '@types/express', '@types/node']
  log(`  npm install ${tarballs.length} tarballs + ${deps.join(' ')} in ${consumer}`)
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ...deps], {
    cwd: consumer,
  })
  for (const { pkg } of packages) {
    const installed = join(consumer, 'node_modules', pkg.name)
    if (lstatSync(installed).isSymbolicLink())
      throw new Error(`${pkg.name} is a link, not an install`)
  }
  log('  tsc --noEmit (consumer.ts uses req.vendorToken)')
  run(join(consumer, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--noEmit'], {
    cwd: consumer,
  })
  log(`  node require.cjs: ${run('node', ['require.cjs'], { cwd: consumer }).trim()}`)
  const help = run('npx', ['vendor-token-emulator', '--help'], { cwd: consumer })
  if (!help.includes('--faults')) throw new Error(`vendor-token-emulator --help:\n${help}`)
  const emulator = await startEmulatorCli({ root, cwd: consumer, installed: true })
  try {
    await checkFaultControl(emulator.settings)
    log(`  emulator at ${emulator.url}; node example.mjs`)
    const out = run('node', ['example.mjs'], {
      cwd: consumer,
      timeout: 120_000,
      env: { ...process.env, VT_EMULATOR: JSON.stringify(emulator.settings) },
    })
    for (const line of out.trim().split('\n')) log(`  ${line}`)
  } finally {
    await emulator.stop()
  }
})

/** `--faults`: a fault set over HTTP reaches the next token request, then clears itself. */
async function checkFaultControl({ url, vendors }) {
  const set = await fetch(`${url}/_emulator/faults/bridgeft`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 503, times: 1 }),
  })
  if (set.status !== 200) throw new Error(`POST /_emulator/faults/bridgeft: HTTP ${set.status}`)
  const token = await fetch(`${vendors.bridgeft.baseUrl}/v2/oauth2/token`, { method: 'POST' })
  if (token.status !== 503) throw new Error(`faulted token request: HTTP ${token.status}, not 503`)
  const stats = await (await fetch(`${url}/_emulator/stats/bridgeft`)).json()
  if (stats.faultedRequests !== 1) throw new Error(`stats: ${JSON.stringify(stats)}`)
  log('  emulator --faults: a 503 set over HTTP hit one token request')
}

for (const dir of temps) {
  if (keep) log(`kept ${dir}`)
  else rmSync(dir, { recursive: true, force: true })
}
if (failures.length) {
  console.error(`[release] ${failures.length} check(s) failed: ${failures.join('; ')}`)
  process.exit(1)
}
log('all release checks passed')
