import type { BundleSize } from './bundle'
import {
  describeGoal,
  judgeGoal,
  THROUGHPUT_GOAL_SHARE,
  type Goal,
} from './goals'
import type { Stats } from './measure'
import type { Throughput } from './throughput'

export type TargetResult =
  | { name: string; state: 'not-available' }
  | { name: string; state: 'error'; message: string }
  | {
      name: string
      state: 'measured'
      goal: Goal
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
  bundle: (BundleSize & { goalKb: number }) | null
}

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '—'
    : value < 10
      ? value.toFixed(2)
      : value.toFixed(1)

/** Each target's verdict, plus throughput and bundle size, in table order. */
export function verdicts(results: Results) {
  const rows: { name: string; met: boolean; misses: string[] }[] = []
  for (const result of results.targets) {
    if (result.state === 'not-available') continue
    if (result.state === 'error')
      rows.push({ name: result.name, met: false, misses: ['error'] })
    else
      rows.push({
        name: result.name,
        ...judgeGoal(result.goal, result.app, result.floor),
      })
  }
  const throughput = results.throughput
  if (throughput)
    rows.push({
      name: 'Throughput',
      met: throughput.share >= THROUGHPUT_GOAL_SHARE,
      misses:
        throughput.share >= THROUGHPUT_GOAL_SHARE
          ? []
          : [
              `${percent(throughput.share)} < ${percent(THROUGHPUT_GOAL_SHARE)}`,
            ],
    })
  const bundle = results.bundle
  if (bundle)
    rows.push({
      name: 'Executive page JS',
      met: bundle.gzipKb <= bundle.goalKb,
      misses:
        bundle.gzipKb <= bundle.goalKb
          ? []
          : [`${bundle.gzipKb.toFixed(1)} > ${bundle.goalKb} kB gzip`],
    })
  return rows
}

const percent = (share: number) => `${(share * 100).toFixed(0)}%`

export function resultsTable(results: Results): string {
  const lines = [
    '| target | median ms | p95 ms | floor median ms | overhead ms | ratio | goal | met? |',
    '|---|---:|---:|---:|---:|---:|---|---|',
  ]
  for (const result of results.targets) {
    if (result.state === 'not-available') {
      lines.push(`| ${result.name} | not available in this build | | | | | | |`)
      continue
    }
    if (result.state === 'error') {
      lines.push(
        `| ${result.name} | error: ${result.message.replace(/\|/g, '/')} | | | | | | missed |`,
      )
      continue
    }
    const floor = result.floor?.median
    const overhead = floor === undefined ? undefined : result.app.median - floor
    const ratio =
      floor === undefined || floor === 0
        ? '—'
        : `${(result.app.median / floor).toFixed(1)}×`
    const verdict = judgeGoal(result.goal, result.app, result.floor)
    lines.push(
      `| ${result.name} | ${ms(result.app.median)} | ${ms(result.app.p95)} | ${ms(floor)} | ${ms(overhead)} | ${ratio} | ${describeGoal(result.goal)} | ${verdict.met ? 'met' : `**missed**: ${verdict.misses.join('; ')}`} |`,
    )
  }
  const throughput = results.throughput
  if (throughput)
    lines.push(
      '',
      `Throughput on \`${throughput.path}\`: app ${throughput.appRps.toFixed(0)} req/s (p50 ${throughput.appLatencyP50} ms), minimal Express + better-sqlite3 ${throughput.minimalRps.toFixed(0)} req/s (p50 ${throughput.minimalLatencyP50} ms): ${percent(throughput.share)} of the minimal handler (goal ≥ ${percent(THROUGHPUT_GOAL_SHARE)}: ${throughput.share >= THROUGHPUT_GOAL_SHARE ? 'met' : '**missed**'}; failed requests: ${throughput.failures}; same JSON from both: ${throughput.sameAnswer ? 'yes' : 'no'}).`,
    )
  const bundle = results.bundle
  if (bundle)
    lines.push(
      '',
      `JS loaded by \`${bundle.routeId}\`: ${bundle.files} files, ${bundle.rawKb.toFixed(0)} kB raw, ${bundle.gzipKb.toFixed(1)} kB gzip (goal ≤ ${bundle.goalKb} kB: ${bundle.gzipKb <= bundle.goalKb ? 'met' : '**missed**'}).`,
    )
  const missed = verdicts(results).filter((row) => !row.met)
  lines.push(
    '',
    missed.length === 0
      ? 'Every measured target is met.'
      : `Missed ${missed.length} target(s):\n${missed.map((row) => `- ${row.name}: ${row.misses.join('; ')}`).join('\n')}`,
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
