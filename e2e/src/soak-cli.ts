/**
 * `npm run soak -- --seconds 60 [--connections 8] [--ttl 2]`: runs the soak, prints what it
 * measured, exits 1 when a bar is missed.
 */
import { parseArgs } from 'node:util'
import { runSoak } from './soak.js'
import { formatSoak } from './soak-verdict.js'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '8' },
    ttl: { type: 'string', default: '2' },
  },
})
const seconds = Number(values.seconds)
if (!(seconds > 0)) throw new Error('--seconds must be a positive number')

const result = await runSoak({
  seconds,
  connections: Number(values.connections),
  tokenTtlSeconds: Number(values.ttl),
  log: (line) => console.log(`[soak] ${line}`),
})
console.log(formatSoak(result))
process.exitCode = result.failures.length ? 1 : 0
