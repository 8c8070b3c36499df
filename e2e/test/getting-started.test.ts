// Runs every JavaScript block of docs/getting-started.md as the file it names (```js
// file=NAME.mjs [get=/path]), in a folder inside the repository so the imports resolve to the
// workspace packages, against an emulator started here (its URLs go in through the environment
// variables the snippets read) and the local Redis. A `get=` block is a server: it must print
// `listening on <url>` and answer 200 at that path; a `.test.mjs` block runs under `node --test`;
// any other block must exit 0.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const guide = readFileSync(join(root, 'docs/getting-started.md'), 'utf8')

interface Snippet {
  file: string
  get: string | undefined
  code: string
}

/** The ```js blocks; every one must name its file, so none is skipped silently. */
function snippets(markdown: string): Snippet[] {
  return [...markdown.matchAll(/^```js([^\n]*)\n([\s\S]*?)^```\s*$/gm)].map(([, info, code]) => {
    const attrs = Object.fromEntries(
      [...(info ?? '').matchAll(/(\w+)=(\S+)/g)].map(([, key, value]) => [key, value]),
    )
    if (!attrs.file) throw new Error(`a js block without file=: ${code?.slice(0, 80)}`)
    return { file: attrs.file, get: attrs.get, code: code ?? '' }
  })
}

let emulator: Emulator
let dir: string
let env: NodeJS.ProcessEnv
const children = new Set<ChildProcess>()

beforeAll(async () => {
  emulator = await startEmulator()
  // Inside the repository (tmp/ is ignored by git): `@vendor-token/*` resolve to the workspace.
  dir = join(root, 'tmp', `getting-started-${randomUUID()}`)
  mkdirSync(dir, { recursive: true })
  env = {
    ...process.env,
    PORT: '0',
    BRIDGEFT_URL: emulator.vendors.bridgeft.baseUrl,
    MODEL_PORTFOLIOS_URL: emulator.vendors.modelPortfolios.baseUrl,
    TOKEN_PREFIX: `vt-getting-started-${randomUUID()}:`,
  }
})

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  await emulator?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Runs a snippet; resolves with its output once it exits (code 0) or printed `listening on`. */
function run(snippet: Snippet): Promise<{ output: string; url?: string; child: ChildProcess }> {
  const path = join(dir, snippet.file)
  writeFileSync(path, snippet.code)
  const args = snippet.file.endsWith('.test.mjs') ? ['--test', path] : [path]
  const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return new Promise((resolve, reject) => {
    let output = ''
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (snippet.get && url) resolve({ output, url, child })
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('exit', (code) => {
      if (code === 0 && !snippet.get) resolve({ output, child })
      else reject(new Error(`${snippet.file} exited with ${code}:\n${output}`))
    })
  })
}

const blocks = snippets(guide)

describe('docs/getting-started.md', () => {
  it('has the five runnable steps', () => {
    expect(blocks.map((b) => b.file)).toEqual([
      'express-app.mjs',
      'koa-app.mjs',
      'token.test.mjs',
      'fleet.mjs',
      'verifier.mjs',
    ])
  })

  for (const snippet of blocks) {
    it(`${snippet.file} runs${snippet.get ? ` and answers GET ${snippet.get}` : ''}`, async () => {
      const { output, url, child } = await run(snippet)
      if (snippet.get) {
        try {
          const answer = await fetch(`${url}${snippet.get}`)
          expect(answer.status, output).toBe(200)
          expect(await answer.json()).toBeTruthy()
        } finally {
          child.kill('SIGTERM')
        }
      }
      if (snippet.file === 'fleet.mjs') expect(output).toContain('both instances hold')
      if (snippet.file === 'verifier.mjs') {
        expect(output).toMatch(/with a token: 200 \{ advisor: '.+' \}/)
        expect(output).toMatch(/without: 401 Bearer/)
      }
    })
  }
})
