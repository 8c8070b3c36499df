/**
 * Preload for a child process: `node --import <this file> app.js` with VT_TOKEN_LOG=<file>
 * appends every token the process receives to <file>, one per line (see token-recorder.ts).
 */
import { appendFileSync } from 'node:fs'
import { recordIssuedTokens } from './token-recorder.js'

const file = process.env.VT_TOKEN_LOG
if (file) recordIssuedTokens((token) => appendFileSync(file, `${token}\n`))
