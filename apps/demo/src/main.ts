// `npm run demo -- [--once] [--port n] [--log-level level]`: see README.md.

import { stopOnSignals } from '@vendor-token/app-kit'
import { parseCli, USAGE } from './cli.js'
import { startDemo } from './demo.js'

let cli: ReturnType<typeof parseCli>
try {
  cli = parseCli(process.argv.slice(2))
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`)
  process.exit(2)
}
if (cli.help) {
  console.log(USAGE)
  process.exit(0)
}
const demo = await startDemo({
  port: cli.port,
  once: cli.once,
  logLevel: cli.logLevel,
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
})
if (cli.once) {
  await demo.close()
  process.exit(demo.ok ? 0 : 1)
}
stopOnSignals(() => demo.close())
