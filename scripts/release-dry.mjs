#!/usr/bin/env node
// `npm run release:dry`: rehearses `changeset version` + `changeset publish` in a temporary copy
// of the repo (see e2e/release/publish-dry-run.mjs); needs `npm run build` first. `--keep` keeps
// the copy for a look at the bumped package.json files and changelogs.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { copyRepo, rehearsePublish } from '../e2e/release/publish-dry-run.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe', timeout: 300_000, ...options })
const log = (message) => console.log(`[release:dry] ${message}`)

const copy = copyRepo({ root, run, label: 'dry' })
try {
  rehearsePublish({ root, copy, run, log })
  log('ok: every published package versions and packs; nothing was uploaded')
} catch (error) {
  console.error(
    `[release:dry] FAILED\n${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
  )
  process.exitCode = 1
} finally {
  if (process.argv.includes('--keep')) log(`kept ${copy}`)
  else rmSync(copy, { recursive: true, force: true })
}
