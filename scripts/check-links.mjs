#!/usr/bin/env node
// Link checker for every Markdown file in the repository (READMEs, docs/, changesets), run by
// `npm test`: each relative link must point at a file or folder that exists, and each `#anchor`
// (in the same file or another Markdown file) must match a heading there, slugged the way GitHub
// does it. External links (http:, https:, mailto:) are not fetched. Links inside fenced code
// blocks and inline code are ignored. Exits 1 listing every dead link.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const skipped = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage', 'results'])

export function markdownFiles(dir = root, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) markdownFiles(path, found)
    else if (entry.name.endsWith('.md')) found.push(path)
  }
  return found
}

/** The text outside fenced code blocks and inline code spans. */
function prose(text) {
  return withoutFences(text).replace(/`[^`\n]*`/g, '')
}

const withoutFences = (text) => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1 for repeats. */
export function anchorsOf(text) {
  const anchors = new Set()
  const seen = new Map()
  for (const [, heading] of withoutFences(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count ? `${base}-${count}` : base)
  }
  for (const [, id] of text.matchAll(/<a (?:name|id)="([^"]+)"/g)) anchors.add(id)
  return anchors
}

/** Every dead relative link of one file, as `file: target (why)`. */
export function deadLinks(file) {
  const text = readFileSync(file, 'utf8')
  const dead = []
  const links = [...prose(text).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (m) => m[1],
  )
  for (const [, target] of prose(text).matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)) links.push(target)
  for (const link of links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue
    const [pathPart, anchor] = link.split('#')
    const target = pathPart ? resolve(dirname(file), decodeURIComponent(pathPart)) : file
    const where = `${relative(root, file)}: ${link}`
    if (!existsSync(target)) {
      dead.push(`${where} (no such file)`)
      continue
    }
    if (!target.startsWith(root)) dead.push(`${where} (outside the repository)`)
    if (anchor === undefined) continue
    if (statSync(target).isDirectory() || !target.endsWith('.md')) {
      dead.push(`${where} (an anchor into a file that is not Markdown)`)
    } else if (!anchorsOf(readFileSync(target, 'utf8')).has(anchor.toLowerCase())) {
      dead.push(`${where} (no heading #${anchor})`)
    }
  }
  return dead
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = markdownFiles()
  const dead = files.flatMap(deadLinks)
  if (dead.length) {
    console.error(`${dead.length} dead link(s):\n${dead.map((d) => `  ${d}`).join('\n')}`)
    process.exit(1)
  }
  console.log(`links ok: ${files.length} Markdown files`)
}
