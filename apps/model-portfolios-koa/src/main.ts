// `npm start`: the real vendor when MODEL_PORTFOLIOS_* is set, else an in-process emulator.

import { stopOnSignals } from '@vendor-token/app-kit'
import { start } from './app.js'
import { loadSettings } from './config.js'

const { settings, emulator } = await loadSettings()
const app = await start({ settings, port: Number(process.env.PORT ?? 0) })
console.log(`model-portfolios-koa listening on ${app.url}`)
console.log(`  vendor: ${emulator ? `emulator at ${settings.baseUrl}` : settings.baseUrl}`)
console.log(`  try:    curl ${app.url}/model-portfolios`)
stopOnSignals(async () => {
  await app.close()
  await emulator?.close()
})
