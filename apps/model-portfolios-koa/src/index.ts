export type { ModelPortfoliosAppOptions, RunningApp } from './app.js'
export { createApp, start } from './app.js'
export type { LoadedSettings, ModelPortfoliosSettings } from './config.js'
export { loadSettings, settingsFromEnv } from './config.js'
