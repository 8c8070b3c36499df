export type { BridgeftAppOptions, RunningApp } from './app.js'
export { createApp, start } from './app.js'
export type { BridgeftSettings, LoadedSettings } from './config.js'
export { loadSettings, settingsFromEnv } from './config.js'
