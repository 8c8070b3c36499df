export type { ApitureAppOptions, RunningApp } from './app.js'
export { createApp, start } from './app.js'
export type { ApitureSettings, LoadedSettings } from './config.js'
export { loadSettings, settingsFromEnv } from './config.js'
