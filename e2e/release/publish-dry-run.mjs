// `changeset publish` has no dry run, so the release is rehearsed in a temporary copy of the repo
// (what `git ls-files` lists, plus each published package's dist): `changeset version` applies
// the pending changesets (a probe changeset when there are none, see changeset-version.mjs), then
// `npm publish --dry-run` runs for every published package at its new version. Nothing is
// uploaded and the working tree is untouched. Used by scripts/release-check.mjs and
// scripts/release-dry.mjs (`npm run release:dry`).
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkVersioning } from './changeset-version.mjs'

/** Copies the repo's tracked and untracked-but-not-ignored files into a new temp folder. */
export function copyRepo({ root, run, label = 'copy' }) {
  const copy = mkdtempSync(join(tmpdir(), `vt-release-${label}-`))
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
  })
    .split('\0')
    .filter(
      (file) => file && existsSync(join(root, file)) && !lstatSync(join(root, file)).isDirectory(),
    )
  for (const file of files) cpSync(join(root, file), join(copy, file))
  return copy
}

/** Versions the copy with changesets, then `npm publish --dry-run` per published package. */
export function rehearsePublish({ root, copy, run, log }) {
  checkVersioning({ root, copy, run, log })
  const published = readdirSync(join(copy, 'packages'))
    .map((dir) => join('packages', dir))
    .filter((dir) => existsSync(join(copy, dir, 'package.json')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(copy, dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private)
  for (const { dir, pkg } of published) {
    if (!existsSync(join(root, dir, 'dist/index.js')))
      throw new Error(`${pkg.name}: no dist; run the build first`)
    cpSync(join(root, dir, 'dist'), join(copy, dir, 'dist'), { recursive: true })
    const out = run(
      'npm',
      ['publish', '--dry-run', '--json', '--ignore-scripts', '--tag', 'dry-run'],
      {
        cwd: join(copy, dir),
      },
    )
    const info = JSON.parse(out.slice(out.indexOf('{')))
    const summary = info[pkg.name] ?? info
    if (summary.version !== pkg.version)
      throw new Error(
        `${pkg.name}: publish --dry-run reports ${summary.version}, expected ${pkg.version}`,
      )
    if (!summary.files?.some((f) => f.path === 'LICENSE'))
      throw new Error(`${pkg.name}: the tarball would ship no LICENSE`)
    log(`  npm publish --dry-run ${pkg.name}@${pkg.version}: ${summary.files.length} files`)
  }
}
