// Release check 2: `changeset version` in a temporary copy of the repo. Proves that the pending
// changesets (or, when there are none, a probe changeset bumping every published package) turn
// into version bumps and changelog entries, that private packages stay unversioned, and that
// nothing else is touched. Used by scripts/release-check.mjs.
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** path (relative to dir) -> content, skipping node_modules and .git. */
function snapshot(dir, base = dir, files = new Map()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) snapshot(path, base, files)
    else if (entry.isFile()) files.set(relative(base, path), readFileSync(path, 'utf8'))
  }
  return files
}

function workspacePackages(copy) {
  return readdirSync(join(copy, 'packages'))
    .filter((dir) => existsSync(join(copy, 'packages', dir, 'package.json')))
    .map((dir) => {
      const file = join('packages', dir, 'package.json')
      return {
        dir: join('packages', dir),
        file,
        pkg: JSON.parse(readFileSync(join(copy, file), 'utf8')),
      }
    })
}

/** `"@vendor-token/core": minor` lines of a changeset's front matter. */
function releasesOf(text) {
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? ''
  return [...front.matchAll(/^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map(
    (m) => ({
      name: m[1],
      bump: m[2],
      summary: text
        .slice(text.indexOf('---', 3) + 3)
        .trim()
        .split('\n')[0],
    }),
  )
}

const RANK = { patch: 0, minor: 1, major: 2 }

/** The version a bump gives (0.x minor/major as changesets does it: plain semver increments). */
function bumped(version, bump) {
  const [major, minor, patch] = version.split(/[.-]/).map(Number)
  if (bump === 'major') return `${major + 1}.0.0`
  if (bump === 'minor') return `${major}.${minor + 1}.0`
  return `${major}.${minor}.${patch + 1}`
}

/** Runs `changeset version` in `copy` and checks what it changed; throws on a problem. */
export function checkVersioning({ root, copy, run, log }) {
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir')
  const changesetDir = join(copy, '.changeset')
  let pending = readdirSync(changesetDir).filter((f) => f.endsWith('.md') && f !== 'README.md')
  const packages = workspacePackages(copy)
  const published = packages.filter((p) => !p.pkg.private)
  if (pending.length === 0) {
    log('  no pending changesets: a probe changeset bumps every published package (patch)')
    const lines = published.map((p) => `"${p.pkg.name}": patch`).join('\n')
    writeFileSync(
      join(changesetDir, 'release-check-probe.md'),
      `---\n${lines}\n---\n\nRelease check probe.\n`,
    )
    pending = ['release-check-probe.md']
  }
  const wanted = new Map()
  for (const file of pending) {
    for (const release of releasesOf(readFileSync(join(changesetDir, file), 'utf8'))) {
      const previous = wanted.get(release.name)
      if (!previous || RANK[release.bump] > RANK[previous.bump]) wanted.set(release.name, release)
    }
  }
  log(
    `  ${pending.length} changeset(s) asking for ${[...wanted.values()].map((r) => `${r.name} ${r.bump}`).join(', ')}`,
  )

  const before = snapshot(copy)
  run(join(root, 'node_modules/.bin/changeset'), ['version'], { cwd: copy })
  const after = snapshot(copy)
  const changed = [...new Set([...before.keys(), ...after.keys()])]
    .filter((path) => before.get(path) !== after.get(path))
    .sort()
  log(`  changed files: ${changed.join(', ')}`)

  const problems = []
  for (const file of pending) {
    if (after.has(join('.changeset', file))) problems.push(`.changeset/${file} was not consumed`)
  }
  const unexpected = changed.filter(
    (path) => !/(^|\/)(package\.json|CHANGELOG\.md)$/.test(path) && !path.startsWith('.changeset/'),
  )
  if (unexpected.length) problems.push(`unexpected changes: ${unexpected.join(', ')}`)
  for (const { dir, file, pkg } of packages) {
    const now = JSON.parse(after.get(file))
    const changelog = after.get(join(dir, 'CHANGELOG.md'))
    const release = wanted.get(pkg.name)
    if (pkg.private) {
      if (now.version !== pkg.version) problems.push(`private ${pkg.name} was versioned`)
      if (changelog && !before.has(join(dir, 'CHANGELOG.md')))
        problems.push(`private ${pkg.name} got a changelog`)
      continue
    }
    if (release) {
      const expected = bumped(pkg.version, release.bump)
      if (now.version !== expected)
        problems.push(`${pkg.name}: ${now.version}, expected ${expected}`)
      if (!changelog?.includes(`## ${now.version}`))
        problems.push(`${pkg.name}: no CHANGELOG entry ${now.version}`)
      else if (release.summary && !changelog.includes(release.summary)) {
        problems.push(`${pkg.name}: CHANGELOG lacks "${release.summary}"`)
      }
    }
    if (now.version !== pkg.version) log(`  ${pkg.name} ${pkg.version} -> ${now.version}`)
  }
  if (problems.length) throw new Error(problems.join('\n'))
}
