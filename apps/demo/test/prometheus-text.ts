/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

/** A parsed exposition: samples plus the declared TYPE of every family. */
export interface Exposition {
  samples: Sample[]
  types: Map<string, string>
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped'])

/**
 * A strict parser of the Prometheus text format (version 0.0.4): throws on any line that is not a
 * comment, a HELP/TYPE line or a well-formed sample, and on samples of a family without TYPE.
 */
export function parsePrometheusText(text: string): Exposition {
  const samples: Sample[] = []
  const types = new Map<string, string>()
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue
    if (line.startsWith('#')) {
      // HELP lines and other comments carry no samples; TYPE lines declare a family.
      const typeLine = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)$/.exec(line)
      if (typeLine) {
        if (!TYPES.has(typeLine[2]!)) throw new Error(`line ${index + 1}: unknown type`)
        types.set(typeLine[1]!, typeLine[2]!)
      }
      continue
    }
    const match = SAMPLE.exec(line)
    if (!match) throw new Error(`line ${index + 1} is not a sample: ${line}`)
    const value = Number(
      match[3] === '+Inf' ? Infinity : match[3] === '-Inf' ? -Infinity : match[3],
    )
    if (Number.isNaN(value) && match[3] !== 'NaN') throw new Error(`line ${index + 1}: bad value`)
    samples.push({ name: match[1]!, labels: parseLabels(match[2] ?? '', index + 1), value })
  }
  for (const sample of samples) {
    const family = familyOf(sample.name, types)
    if (!family) throw new Error(`sample ${sample.name} has no # TYPE`)
  }
  return { samples, types }
}

function parseLabels(text: string, lineNumber: number): Record<string, string> {
  const labels: Record<string, string> = {}
  LABEL.lastIndex = 0
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text)
    if (!match) throw new Error(`line ${lineNumber}: bad labels {${text}}`)
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1')
  }
  return labels
}

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name
  const base = name.replace(/_(bucket|sum|count|total|created)$/, '')
  return types.has(base) ? base : undefined
}
