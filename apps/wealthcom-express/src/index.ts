export type { RunningApp, WealthcomAppOptions } from './app.js'
export { createApp, start } from './app.js'
export type { LoadedSettings, WealthcomSettings } from './config.js'
export { loadSettings, settingsFromEnv } from './config.js'
