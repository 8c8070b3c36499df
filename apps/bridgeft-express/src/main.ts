// `npm start`: real BridgeFT when BRIDGEFT_* is set, else an in-process emulator.

import { stopOnSignals } from '@vendor-token/app-kit'
import { start } from './app.js'
import { loadSettings } from './config.js'

const { settings, emulator } = await loadSettings()
const app = await start({ settings, port: Number(process.env.PORT ?? 0) })
console.log(`bridgeft-express listening on ${app.url}`)
console.log(`  vendor: ${emulator ? `emulator at ${settings.baseUrl}` : settings.baseUrl}`)
console.log(`  try:    curl -H 'x-firm-ids: 39,792' ${app.url}/accounts`)
stopOnSignals(async () => {
  await app.close()
  await emulator?.close()
})
