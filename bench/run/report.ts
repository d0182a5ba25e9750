import type { BundleSize } from './bundle'
import type { Stats } from './measure'
import type { Throughput } from './throughput'

export type TargetResult =
  | { name: string; state: 'not-available' }
  | { name: string; state: 'error'; message: string }
  | {
      name: string
      state: 'measured'
      budgetMs: number
      path: string | null
      app: Stats
      floor: Stats | null
      bytes: number
      serverTiming: string | null
    }

export interface Results {
  generatedAt: string
  machine: Record<string, string>
  dataset: Record<string, number>
  settings: Record<string, number | boolean | string>
  targets: TargetResult[]
  throughput: Throughput | null
  bundle: (BundleSize & { budgetKb: number }) | null
}

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '—'
    : value < 10
      ? value.toFixed(2)
      : value.toFixed(1)

/** A budget is met when the median is within it and p95 within twice it. */
export function meetsBudget(result: TargetResult): boolean | null {
  if (result.state !== 'measured') return null
  return (
    result.app.median <= result.budgetMs &&
    result.app.p95 <= 2 * result.budgetMs
  )
}

export function resultsTable(results: Results): string {
  const lines = [
    '| target | median ms | p95 ms | floor median ms | overhead ms | ratio | budget (median) | met? |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ]
  for (const result of results.targets) {
    if (result.state === 'not-available') {
      lines.push(`| ${result.name} | not available in this build | | | | | | |`)
      continue
    }
    if (result.state === 'error') {
      lines.push(
        `| ${result.name} | error: ${result.message.replace(/\|/g, '/')} | | | | | | no |`,
      )
      continue
    }
    const floor = result.floor?.median
    const overhead = floor === undefined ? undefined : result.app.median - floor
    const ratio =
      floor === undefined || floor === 0
        ? '—'
        : `${(result.app.median / floor).toFixed(1)}×`
    lines.push(
      `| ${result.name} | ${ms(result.app.median)} | ${ms(result.app.p95)} | ${ms(floor)} | ${ms(overhead)} | ${ratio} | ${result.budgetMs} | ${meetsBudget(result) ? 'yes' : 'no'} |`,
    )
  }
  const throughput = results.throughput
  if (throughput)
    lines.push(
      '',
      `Throughput on \`${throughput.path}\`: app ${throughput.appRps.toFixed(0)} req/s (p50 ${throughput.appLatencyP50} ms), minimal Express + better-sqlite3 ${throughput.minimalRps.toFixed(0)} req/s (p50 ${throughput.minimalLatencyP50} ms): ${(throughput.share * 100).toFixed(0)}% of the minimal handler (target ≥ 50%: ${throughput.share >= 0.5 ? 'met' : 'missed'}; failed requests: ${throughput.failures}; same JSON from both: ${throughput.sameAnswer ? 'yes' : 'no'}).`,
    )
  const bundle = results.bundle
  if (bundle)
    lines.push(
      '',
      `JS loaded by \`${bundle.routeId}\`: ${bundle.files} files, ${bundle.rawKb.toFixed(0)} kB raw, ${bundle.gzipKb.toFixed(1)} kB gzip (target ≤ ${bundle.budgetKb} kB: ${bundle.gzipKb <= bundle.budgetKb ? 'met' : 'missed'}).`,
    )
  return lines.join('\n')
}

export function resultsMarkdown(results: Results): string {
  const machine = Object.entries(results.machine).map(
    ([key, value]) => `- ${key}: ${value}`,
  )
  const dataset = Object.entries(results.dataset).map(
    ([key, value]) => `${key} ${value.toLocaleString('en')}`,
  )
  const settings = Object.entries(results.settings).map(
    ([key, value]) => `${key} ${value}`,
  )
  return [
    `# Benchmark results (${results.generatedAt})`,
    '',
    ...machine,
    `- data: ${dataset.join(', ')}`,
    `- settings: ${settings.join(', ')}`,
    '',
    resultsTable(results),
    '',
  ].join('\n')
}
