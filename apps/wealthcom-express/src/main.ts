// `npm start`: the real Advisor API when WEALTHCOM_* is set, else an in-process emulator.

import { stopOnSignals } from '@vendor-token/app-kit'
import { start } from './app.js'
import { loadSettings } from './config.js'

const { settings, emulator } = await loadSettings()
const app = await start({ settings, port: Number(process.env.PORT ?? 0) })
console.log(`wealthcom-express listening on ${app.url}`)
console.log(`  vendor: ${emulator ? `emulator at ${settings.baseUrl}` : settings.baseUrl}`)
console.log(`  try:    curl ${app.url}/clients`)
if (settings.signIn) {
  // The emulator's fixed, fake test advisor; its password is in the emulator's README.
  const login = emulator ? ` (test advisor: ${emulator.vendors.wealthcom.testLogin.username})` : ''
  console.log(`  sign in: open ${app.url}/me in a browser${login}`)
}
stopOnSignals(async () => {
  await app.close()
  await emulator?.close()
})
