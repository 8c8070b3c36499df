// What a published tarball must hold, checked on the packed .tgz (`tar` reads it): package.json,
// README.md, LICENSE, dist/index.js and dist/index.d.ts; no src/ or test/; no declaration maps
// (they would point at ../src, which is not shipped); and every JavaScript source map carries
// `sourcesContent` for each of its sources, so a stack trace or debugger maps to TypeScript
// without the missing files. Every `sourceMappingURL` names a map in the tarball.
// Used by scripts/release-check.mjs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Problems of one tarball (empty when it is fine). */
export function tarballProblems(tarball, run) {
  const dir = mkdtempSync(join(tmpdir(), 'vt-tarball-'))
  try {
    run('tar', ['-xzf', tarball, '-C', dir])
    const paths = run('tar', ['-tzf', tarball])
      .trim()
      .split('\n')
      .map((path) => path.replace(/^package\//, ''))
    return problemsOf(paths, (path) => readFileSync(join(dir, 'package', path), 'utf8'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function problemsOf(paths, read) {
  const problems = [
    ...['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']
      .filter((path) => !paths.includes(path))
      .map((path) => `missing ${path}`),
    ...paths.filter((path) => /^(src|test)\//.test(path)).map((path) => `ships ${path}`),
    ...paths.filter((path) => path.endsWith('.d.ts.map')).map((path) => `ships ${path}`),
  ]
  for (const path of paths.filter((p) => p.endsWith('.js.map'))) {
    const map = JSON.parse(read(path))
    const contents = map.sourcesContent ?? []
    if (contents.length !== map.sources.length || contents.some((c) => typeof c !== 'string'))
      problems.push(`${path}: sources without sourcesContent (${map.sources.join(', ')})`)
  }
  for (const path of paths.filter((p) => /\.(js|d\.ts)$/.test(p))) {
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(path))?.[1]
    if (!url) continue
    const target = path.split('/').slice(0, -1).concat(url).join('/')
    if (!paths.includes(target)) problems.push(`${path}: sourceMappingURL ${url} is not shipped`)
  }
  return problems
}
