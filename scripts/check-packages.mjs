#!/usr/bin/env node
// Packaging checks for every published package (packages/* whose package.json is not private),
// run by `npm test` after the build:
//   - publint --strict on the package folder;
//   - are-the-types-wrong on the packed tarball, `node16` profile. attw 0.18 bundles
//     TypeScript 5.6, which predates require(esm), so it flags every `require()` of an ES module
//     (rule cjs-resolves-to-esm). That rule is ignored: Node >= 20.19 loads our ES modules with
//     require(), TypeScript >= 5.8 types it (module nodenext/node20), and the load is proven here;
//   - the exports map: every entry point has `types`, `import` and `default` conditions;
//   - module systems: a CommonJS file require()s each entry point (`@vendor-token/core` and
//     `@vendor-token/core/adapter`) and an ES module imports it, in child processes of this
//     Node (>= 20.19), and both see the same export names;
//   - LICENSE in the package folder, identical to the root LICENSE (npm packs it);
//   - every bare import in the .d.ts files reachable from each entry's .d.ts is a declared dependency or peer (for a
//     package without its own types, its @types/ package when one exists), so `tsc` works in a consumer app.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const failures = []
const report = (check, name, problem) => {
  if (problem) {
    failures.push(`${check} ${name}`)
    console.error(`FAIL ${check} ${name}\n${problem}`)
  } else console.log(`ok   ${check} ${name}`)
}

/** packages/* with a package.json that is not private. */
export function publishedPackages(base = root) {
  return readdirSync(join(base, 'packages'))
    .map((dir) => join(base, 'packages', dir))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private)
}

function tool(cmd, args) {
  try {
    execFileSync(join(root, 'node_modules/.bin', cmd), args, { stdio: 'pipe', cwd: root })
    return undefined
  } catch (error) {
    return `${error.stdout}${error.stderr}`
  }
}

function exportsProblem(pkg) {
  const entries = Object.entries(pkg.exports ?? {}).filter(([path]) => path !== './package.json')
  if (entries.length === 0) return 'no exports map'
  const problems = entries
    .filter(([, target]) => typeof target !== 'object')
    .map(([path]) => `${path}: a bare string, expected conditions`)
  for (const [path, target] of entries.filter(([, t]) => typeof t === 'object')) {
    const keys = Object.keys(target)
    for (const condition of ['types', 'import', 'default']) {
      if (!keys.includes(condition)) problems.push(`${path}: no "${condition}" condition`)
    }
    if (keys[0] !== 'types') problems.push(`${path}: "types" must come first`)
    if (keys.at(-1) !== 'default') problems.push(`${path}: "default" must come last`)
  }
  return problems.join('\n') || undefined
}

/** The specifiers of a package's entry points: `@scope/pkg`, `@scope/pkg/adapter`, ... */
const entrySpecifiers = (pkg) =>
  Object.keys(pkg.exports ?? { '.': null })
    .filter((path) => path !== './package.json')
    .map((path) => (path === '.' ? pkg.name : `${pkg.name}${path.slice(1)}`))

/** The .d.ts of each entry point (its `types` condition), as files in the package folder. */
const entryDeclarations = (dir, pkg) =>
  Object.entries(pkg.exports ?? {})
    .filter(([path, target]) => path !== './package.json' && typeof target === 'object')
    .map(([, target]) => join(dir, target.types ?? 'dist/index.d.ts'))

/** require() from a .cjs and import() from an .mjs, in child processes; compares the names. */
function moduleSystemsProblem(pkg) {
  return (
    entrySpecifiers(pkg)
      .map((specifier) => entryModuleSystemsProblem(specifier))
      .filter(Boolean)
      .join('\n') || undefined
  )
}

function entryModuleSystemsProblem(specifier) {
  const node = (args) =>
    execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: 'pipe' })
  const name = JSON.stringify(specifier)
  try {
    const cjs = node([
      '--input-type=commonjs',
      '-e',
      `process.stdout.write(JSON.stringify(Object.keys(require(${name})).sort()))`,
    ])
    const esm = node([
      '--input-type=module',
      '-e',
      `process.stdout.write(JSON.stringify(Object.keys(await import(${name})).sort()))`,
    ])
    if (cjs !== esm) return `${specifier}: require() sees ${cjs}\nimport sees ${esm}`
    if (JSON.parse(esm).length === 0) return `${specifier}: no exports`
    return undefined
  } catch (error) {
    return `${error.stderr || error.message}`
  }
}

function licenseProblem(dir) {
  const license = join(dir, 'LICENSE')
  if (!existsSync(license)) return 'no LICENSE in the package folder (copy the root LICENSE)'
  if (readFileSync(license, 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8'))
    return 'LICENSE differs from the root LICENSE'
  return undefined
}

/** The .d.ts files a consumer's tsc reads: each entry's .d.ts and what it imports, transitively. */
function reachableDeclarations(entries) {
  const seen = new Set()
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return
    seen.add(file)
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']*)\.js'/g)) {
      visit(join(dirname(file), `${match[1]}.d.ts`))
    }
  }
  for (const entry of entries) visit(entry)
  return [...seen]
}

/** `express` -> `express`, `@scope/name/sub` -> `@scope/name`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

function shipsOwnTypes(name) {
  const file = join(root, 'node_modules', name, 'package.json')
  if (!existsSync(file)) return false
  const pkg = JSON.parse(readFileSync(file, 'utf8'))
  return Boolean(pkg.types || pkg.typings || JSON.stringify(pkg.exports ?? {}).includes('types'))
}

function typeDependencyProblem(dir, pkg) {
  const declared = new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ])
  const imported = new Set()
  for (const file of reachableDeclarations(entryDeclarations(dir, pkg))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/from '([^'.][^']*)'/g)) {
      const name = packageOf(match[1])
      if (!name.startsWith('node:') && !builtinModules.includes(name)) imported.add(name)
    }
  }
  const missing = [...imported].filter((name) => {
    if (name === pkg.name) return false
    if (shipsOwnTypes(name)) return !declared.has(name)
    const types = `@types/${name.replace(/^@/, '').replace('/', '__')}`
    // An untyped dependency with no @types/ package (oidc-provider) types as `any`: declaring it is enough.
    if (!existsSync(join(root, 'node_modules', types))) return !declared.has(name)
    return !declared.has(types)
  })
  return missing.length
    ? `the .d.ts files import ${missing.join(', ')} but package.json does not declare it (or its @types/ package)`
    : undefined
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url)
if (isMain) {
  for (const { dir, pkg } of publishedPackages()) {
    if (!existsSync(join(dir, 'dist/index.js'))) {
      report('build', pkg.name, 'no dist/index.js: run `npm run build` first')
      continue
    }
    report('publint', pkg.name, tool('publint', ['--strict', dir]))
    report(
      'attw',
      pkg.name,
      tool('attw', [
        '--pack',
        dir,
        '--profile',
        'node16',
        '--ignore-rules',
        'cjs-resolves-to-esm',
        '--format',
        'ascii',
      ]),
    )
    report('exports', pkg.name, exportsProblem(pkg))
    report('require+import', pkg.name, moduleSystemsProblem(pkg))
    report('license', pkg.name, licenseProblem(dir))
    report('type deps', pkg.name, typeDependencyProblem(dir, pkg))
  }
  if (failures.length) {
    console.error(`\n${failures.length} packaging check(s) failed: ${failures.join(', ')}`)
    process.exit(1)
  }
}
