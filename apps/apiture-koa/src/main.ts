// `npm start`: real Apiture when APITURE_* is set, else an in-process emulator.

import { stopOnSignals } from '@vendor-token/app-kit'
import { start } from './app.js'
import { loadSettings } from './config.js'

const { settings, emulator } = await loadSettings()
const app = await start({ settings, port: Number(process.env.PORT ?? 0) })
console.log(`apiture-koa listening on ${app.url}`)
console.log(`  issuer: ${emulator ? `emulator at ${settings.issuer}` : settings.issuer}`)
console.log(`  try:    curl '${app.url}/accounts?scope=banking/read'`)
stopOnSignals(async () => {
  await app.close()
  await emulator?.close()
})
