#!/usr/bin/env node
// The public surface of every published package, checked in so that a change to it shows in
// review. For each entry point of a package's exports map ("." -> api/index.d.ts, "./adapter"
// -> api/adapter.d.ts) the report holds the declaration of every exported name, then the
// declarations those reach without exporting them by name (an options type a function takes),
// then any `declare global` augmentation. Comments and file paths are left out, so moving a
// file or rewording a doc comment changes nothing; a renamed export, a new option or a changed
// signature does.
//   node scripts/api-report.mjs           writes packages/<pkg>/api/<entry>.d.ts (npm run api:update)
//   node scripts/api-report.mjs --check   fails, with a diff, when a report differs (npm test)
// The declarations come from `tsc --emitDeclarationOnly` of each package's tsconfig.build.json
// into a temporary folder (stripInternal applies: `@internal` members are not public), so a
// stale dist/ cannot hide a change. Packages are built first (their dependencies' .d.ts).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { publishedPackages } from './check-packages.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const check = process.argv.includes('--check')

/** Top-level statements of a .d.ts, comments removed: tsc starts each at column 0. */
function statements(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const result = []
  for (const line of code.split('\n')) {
    if (line.trim() === '') continue
    const continues = /^[\s})\]|&,.>?:]/.test(line)
    if (continues && result.length > 0) result[result.length - 1] += `\n${line}`
    else result.push(line)
  }
  return result
}

const DECLARATION =
  /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:class|interface|type|function|const|let|var|enum|namespace)\s+([A-Za-z_$][\w$]*)/

const NAMED_IMPORT = /^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"]([^'"]+)['"]/
const NAMESPACE_IMPORT = /^import\s+(?:type\s+)?\*\s+as\s+(\w+)\s+from\s+['"]([^'"]+)['"]/
const NAMED_EXPORT = /^export\s+(type\s+)?\{([^}]*)\}(?:\s+from\s+['"]([^'"]+)['"])?/
const STAR_EXPORT = /^export\s+\*\s+from\s+['"]([^'"]+)['"]/

/** One .d.ts: its declarations by name, its imports and re-exports, its global blocks. */
function parseFile(file, cache) {
  if (cache.has(file)) return cache.get(file)
  const parsed = { declarations: new Map(), imports: new Map(), reexports: [], globals: [] }
  cache.set(file, parsed)
  if (!existsSync(file)) return parsed
  const target = (specifier) =>
    specifier.startsWith('.')
      ? resolve(dirname(file), specifier.replace(/\.js$/, '.d.ts'))
      : `external:${specifier}`
  for (const statement of statements(readFileSync(file, 'utf8'))) {
    const named = NAMED_IMPORT.exec(statement)
    if (named) {
      for (const part of named[1].split(',').map((p) => p.trim().replace(/^type\s+/, ''))) {
        if (!part) continue
        const [imported, local = imported] = part.split(/\s+as\s+/)
        parsed.imports.set(local.trim(), { file: target(named[2]), name: imported.trim() })
      }
      continue
    }
    const namespace = NAMESPACE_IMPORT.exec(statement)
    if (namespace) {
      parsed.imports.set(namespace[1], { file: target(namespace[2]), name: '*' })
      continue
    }
    const reexport = NAMED_EXPORT.exec(statement)
    if (reexport) {
      for (const part of reexport[2].split(',').map((p) => p.trim())) {
        if (!part) continue
        const typeOnly = Boolean(reexport[1]) || part.startsWith('type ')
        const [name, alias = name] = part.replace(/^type\s+/, '').split(/\s+as\s+/)
        parsed.reexports.push({
          exported: alias.trim(),
          file: reexport[3] ? target(reexport[3]) : file,
          name: name.trim(),
          typeOnly,
        })
      }
      continue
    }
    const star = STAR_EXPORT.exec(statement)
    if (star) {
      parsed.reexports.push({ star: true, file: target(star[1]) })
      continue
    }
    if (/^(?:declare\s+global|declare\s+module)\b/.test(statement)) {
      parsed.globals.push(statement)
      continue
    }
    const declaration = DECLARATION.exec(statement)
    if (declaration) {
      const list = parsed.declarations.get(declaration[1]) ?? []
      list.push(statement)
      parsed.declarations.set(declaration[1], list)
    }
  }
  return parsed
}

/** The names an entry exports: name -> { file, name, typeOnly }. */
function exportsOf(file, cache, seen = new Set()) {
  const result = new Map()
  if (seen.has(file)) return result
  seen.add(file)
  const parsed = parseFile(file, cache)
  for (const [name, list] of parsed.declarations) {
    if (list.some((s) => s.startsWith('export '))) result.set(name, { file, name, typeOnly: false })
  }
  for (const entry of parsed.reexports) {
    if (entry.star) {
      for (const [name, target] of exportsOf(entry.file, cache, seen)) result.set(name, target)
    } else {
      result.set(entry.exported, { file: entry.file, name: entry.name, typeOnly: entry.typeOnly })
    }
  }
  return result
}

/** Follows imports and re-exports to the file that declares `name`. */
function declarationOf(file, name, cache, depth = 0) {
  if (depth > 20 || file.startsWith('external:')) return undefined
  const parsed = parseFile(file, cache)
  if (parsed.declarations.has(name))
    return { file, name, statements: parsed.declarations.get(name) }
  const imported = parsed.imports.get(name)
  if (imported) return declarationOf(imported.file, imported.name, cache, depth + 1)
  const reexported = exportsOf(file, cache).get(name)
  if (reexported && (reexported.file !== file || reexported.name !== name)) {
    return declarationOf(reexported.file, reexported.name, cache, depth + 1)
  }
  return undefined
}

/** `import("./x.js").Name` -> `Name`; the export keyword and paths go. */
const normalize = (statement, exported) => {
  const text = statement.replace(/import\(["'][^"']+["']\)\./g, '')
  const bare = text.replace(/^export\s+/, '')
  return exported ? `export ${bare}` : bare
}

/** Identifiers a statement refers to (string contents ignored). */
const identifiers = (statement) =>
  new Set(statement.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '').match(/[A-Za-z_$][\w$]*/g) ?? [])

function report(pkg, entryPath, dts, cache) {
  const exported = [...exportsOf(dts, cache)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const lines = []
  const shown = new Map() // `${file}#${name}` -> true
  const queue = []
  const reach = (file, statement) => {
    const parsed = parseFile(file, cache)
    for (const id of identifiers(statement)) {
      if (!parsed.imports.has(id) && !parsed.declarations.has(id)) continue
      const found = declarationOf(file, id, cache)
      if (found && !shown.has(`${found.file}#${found.name}`)) {
        shown.set(`${found.file}#${found.name}`, true)
        queue.push(found)
      }
    }
  }
  let values = 0
  let types = 0
  const body = []
  for (const [, target] of exported) {
    const found = declarationOf(target.file, target.name, cache)
    if (found) shown.set(`${found.file}#${found.name}`, true)
  }
  for (const [name, target] of exported) {
    const found = declarationOf(target.file, target.name, cache)
    if (!found) {
      const what = target.name === name ? name : `${target.name} as ${name}`
      const from = target.file.startsWith('external:') ? target.file.slice('external:'.length) : '?'
      body.push(`export ${target.typeOnly ? 'type ' : ''}{ ${what} } from '${from}'`)
      continue
    }
    const isValue =
      !target.typeOnly &&
      found.statements.some((s) => !/\b(interface|type)\s/.test(s.split('\n')[0]))
    if (isValue) values++
    else types++
    const alias = found.name === name ? '' : `// exported as ${name}\n`
    const typeOnly =
      target.typeOnly && found.statements.some((s) => /\bclass\s/.test(s.split('\n')[0]))
    body.push(
      `${alias}${typeOnly ? '// exported as a type only\n' : ''}${found.statements.map((s) => normalize(s, true)).join('\n')}`,
    )
    for (const statement of found.statements) reach(found.file, statement)
  }
  const reachable = []
  while (queue.length > 0) {
    const found = queue.shift()
    reachable.push(found)
    for (const statement of found.statements) reach(found.file, statement)
  }
  reachable.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const globals = new Set()
  for (const file of cache.keys())
    for (const block of parseFile(file, cache).globals) globals.add(block)
  lines.push(
    `// API report of ${pkg.name}${entryPath === '.' ? '' : entryPath.slice(1)}: ${values} values, ${types} types exported.`,
    '// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:',
    '// `npm run api:update` rewrites it. A diff here is a change to the public API.',
    '',
    ...body.flatMap((text) => [text, '']),
  )
  if (reachable.length > 0) {
    lines.push(
      '// Not exported by name from this entry (some are from another entry of the package),',
      '// reachable from the exports above:',
      '',
    )
    for (const found of reachable)
      lines.push(found.statements.map((s) => normalize(s, false)).join('\n'), '')
  }
  if (globals.size > 0) {
    lines.push('// Global augmentations:', '')
    for (const block of [...globals].sort()) lines.push(block, '')
  }
  return `${lines.join('\n').trimEnd()}\n`
}

/** `tsc --emitDeclarationOnly` of the package's build config into a temporary folder. */
function emitDeclarations(dir, outDir) {
  const tsc = join(root, 'node_modules/.bin/tsc')
  const args = ['-p', join(dir, 'tsconfig.build.json'), '--emitDeclarationOnly', '--declaration']
  args.push('--declarationMap', 'false', '--sourceMap', 'false', '--inlineSources', 'false')
  args.push('--outDir', outDir)
  execFileSync(tsc, args, { cwd: root, stdio: 'pipe' })
}

const reportName = (entryPath) => (entryPath === '.' ? 'index' : entryPath.replace(/^\.\//, ''))

const temp = mkdtempSync(join(tmpdir(), 'vt-api-report-'))
const differences = []
try {
  for (const { dir, pkg } of publishedPackages(root)) {
    const outDir = join(temp, pkg.name.replace('/', '__'))
    try {
      emitDeclarations(dir, outDir)
    } catch (error) {
      console.error(`FAIL api-report ${pkg.name}: tsc failed\n${error.stdout}${error.stderr}`)
      process.exitCode = 1
      continue
    }
    const entries = Object.entries(pkg.exports ?? {}).filter(([path]) => path !== './package.json')
    for (const [entryPath, target] of entries) {
      const types = typeof target === 'object' ? target.types : undefined
      if (!types) continue
      const dts = join(outDir, relative('dist', types.replace(/^\.\//, '')))
      const text = report(pkg, entryPath, dts, new Map())
      const file = join(dir, 'api', `${reportName(entryPath)}.d.ts`)
      const shown = relative(root, file)
      const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined
      if (current === text) {
        console.log(`ok   api ${shown}`)
        continue
      }
      if (!check) {
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, text)
        console.log(`wrote api ${shown}`)
        continue
      }
      const fresh = join(temp, `${pkg.name.replace('/', '__')}-${reportName(entryPath)}.d.ts`)
      writeFileSync(fresh, text)
      const diff = spawnSync(
        'git',
        ['diff', '--no-index', '--', current ? file : '/dev/null', fresh],
        {
          encoding: 'utf8',
        },
      ).stdout
      differences.push(shown)
      console.error(`FAIL api ${shown} differs from the public API the code has now:\n${diff}`)
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true })
}
if (differences.length > 0) {
  console.error(
    `\nThe public API changed (${differences.join(', ')}). If that is intended, run \`npm run api:update\` and commit the reports with the change (and a changeset); otherwise undo the change.`,
  )
  process.exitCode = 1
}
