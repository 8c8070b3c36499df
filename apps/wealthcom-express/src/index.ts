export type { RunningApp, WealthcomAppOptions } from './app.js'
export { createApp, start } from './app.js'
export type { LoadedSettings, WealthcomSettings, WealthcomSignInSettings } from './config.js'
export { emulatorSettings, loadSettings, settingsFromEnv } from './config.js'
