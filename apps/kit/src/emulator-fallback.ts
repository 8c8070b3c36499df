/** Settings plus the emulator started for them, if any (the caller closes it). */
export interface Loaded<Settings, Emulator> {
  settings: Settings
  emulator: Emulator | undefined
}

/**
 * Real settings when the environment gave some, or else starts the emulator and takes the
 * settings from it. Keeps the kit free of the emulator package: the app passes both steps.
 * @example
 * return orEmulator(settingsFromEnv(env), startEmulator, (e) => e.vendors.acme)
 */
export async function orEmulator<Settings, Emulator>(
  fromEnv: Settings | undefined,
  startEmulator: () => Promise<Emulator>,
  fromEmulator: (emulator: Emulator) => Settings,
): Promise<Loaded<Settings, Emulator>> {
  if (fromEnv !== undefined) return { settings: fromEnv, emulator: undefined }
  const emulator = await startEmulator()
  return { settings: fromEmulator(emulator), emulator }
}
