/** `59 min 58 s`, `4.2 s`, `expired 3 s ago`, or `–` when there is no token. */
export function formatExpiresIn(seconds: number | undefined): string {
  if (seconds === undefined) return '–'
  if (seconds <= 0) return `expired ${formatDuration(-seconds)} ago`
  return formatDuration(seconds)
}

/** A short human duration: `4.2 s`, `12 s`, `5 min 3 s`, `23 h 59 min`. */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  if (seconds < 60) return `${Math.round(seconds)} s`
  const whole = Math.round(seconds)
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`
}

/** A wall-clock time as `HH:MM:SS UTC`, the one absolute-time format of the page and the tour. */
export function formatClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`
}
