#!/usr/bin/env node
// Packaging checks for every published package: publint on the package folder and
// are-the-types-wrong (ESM-only profile) on the packed tarball. Needs `npm run build` first.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const failures = []
for (const dir of readdirSync(join(root, 'packages'))) {
  const folder = join(root, 'packages', dir)
  const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'))
  if (pkg.private) continue
  for (const [cmd, args] of [
    ['publint', ['--strict', folder]],
    ['attw', ['--pack', folder, '--profile', 'esm-only', '--format', 'ascii']],
  ]) {
    try {
      execFileSync(join(root, 'node_modules/.bin', cmd), args, { stdio: 'pipe', cwd: root })
      console.log(`ok   ${cmd} ${pkg.name}`)
    } catch (error) {
      failures.push(`${cmd} ${pkg.name}`)
      console.error(`FAIL ${cmd} ${pkg.name}\n${error.stdout}${error.stderr}`)
    }
  }
}
if (failures.length) {
  console.error(`\n${failures.length} packaging check(s) failed: ${failures.join(', ')}`)
  process.exit(1)
}
