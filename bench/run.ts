import { execSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '#db/client.server'
import { LARGE_SLUG } from './dataset/dataset'
import { measureRouteBundle, pickExecutiveRoute } from './run/bundle'
import { issueBenchCredentials } from './run/credentials'
import { closeAgent, repeat, timedRequest, timeSync } from './run/measure'
import { BUNDLE_GOAL_KB, judgeGoal } from './run/goals'
import {
  resultsMarkdown,
  resultsTable,
  type Results,
  type TargetResult,
} from './run/report'
import {
  buildIfNeeded,
  startAppServer,
  startMinimalServer,
} from './run/servers'
import { TARGETS, type Target, type TargetContext } from './run/targets'
import { measureThroughput } from './run/throughput'

/**
 * Runs every target against the production server on the bench database,
 * next to its raw SQL floor, then throughput and bundle size:
 *   tsx bench/run.ts [--db bench/out/bench.db] [--warmup 5] [--iterations 30]
 *     [--seconds 10] [--connections 10] [--port 3226] [--smoke]
 *     [--only "Findings list" --only "Readiness API"] [--no-throughput]
 *     [--profile /tmp/profiles]
 * `--only` keeps the targets whose name contains one of the given texts,
 * so one can re-measure a page without waiting for the PDFs.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'bench/out/bench.db' },
    out: { type: 'string', default: 'bench/out' },
    warmup: { type: 'string', default: '5' },
    iterations: { type: 'string', default: '30' },
    'heavy-iterations': { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    port: { type: 'string', default: '3226' },
    smoke: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true, default: [] },
    'no-throughput': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
})
const smoke = values.smoke
const warmup = smoke ? 1 : Number(values.warmup)
const iterations = smoke ? 3 : Number(values.iterations)
const heavyIterations = smoke ? 1 : Number(values['heavy-iterations'])
const seconds = smoke ? 1 : Number(values.seconds)
const connections = Number(values.connections)
const port = Number(values.port)
const only = values.only
const selectedTargets =
  only.length === 0
    ? TARGETS
    : TARGETS.filter((target) =>
        only.some((text) => target.name.includes(text)),
      )
const databasePath = path.resolve(values.db)
if (!fs.existsSync(databasePath))
  throw new Error(`No ${databasePath}: run npm run bench:data first`)

// This run's key, shared with the server so the session and token made
// here are recognised there. It is never written anywhere.
process.env.SECRET_KEY = crypto.randomBytes(32).toString('base64url')
process.env.DATABASE_PATH = databasePath

buildIfNeeded()
const { sqlite, db } = openDatabase(databasePath)
const credentials = issueBenchCredentials(db)
const large = sqlite
  .prepare('select id from assessments where slug = ?')
  .get(LARGE_SLUG) as { id: number }
const openReferences = (
  sqlite
    .prepare(
      `select reference from findings where assessment_id = ? and status = 'open' order by id desc`,
    )
    .all(large.id) as { reference: string }[]
).map((row) => row.reference)
const context: TargetContext = {
  credentials,
  floor: {
    sqlite,
    sessionHash: credentials.sessionHash,
    tokenHash: credentials.tokenHash,
  },
  db,
  largeId: large.id,
  importSize: smoke ? 200 : 10_000,
  sampleReference: (
    sqlite
      .prepare(
        'select reference from findings where assessment_id = ? order by reference limit 1 offset (select count(*) / 2 from findings where assessment_id = ?)',
      )
      .get(large.id, large.id) as { reference: string }
  ).reference,
  takeOpenFinding: () => {
    const reference = openReferences.pop()
    if (!reference)
      throw new Error('No open finding left for writes: regenerate the data')
    return reference
  },
}

const app = await startAppServer(
  port,
  databasePath,
  process.env.SECRET_KEY,
  values.profile && path.resolve(values.profile),
)
const minimal = await startMinimalServer(
  port + 1,
  databasePath,
  process.env.SECRET_KEY,
)

async function measureTarget(target: Target): Promise<TargetResult> {
  const name = target.name
  const measured = target.heavy ? heavyIterations : iterations
  const warm = target.warmup ?? (target.heavy ? 0 : warmup)
  let bytes = 0
  let serverTiming: string | null = null
  let path: string | null = null
  let appStats
  if (target.http) {
    let makeRequest = target.http
    let request = makeRequest(context)
    let probe = await timedRequest(app.origin, request)
    if (probe.status === 404 && target.fallback) {
      makeRequest = target.fallback
      request = makeRequest(context)
      probe = await timedRequest(app.origin, request)
    }
    // 404: no such route; 405: the page exists but takes no posts yet.
    if (probe.status === 404 || probe.status === 405)
      return { name, state: 'not-available' }
    path = request.path
    // A form post answers with a redirect (post/redirect/get) on success.
    const success = request.method === 'POST' ? 400 : 300
    if (probe.status < 200 || probe.status >= success)
      return {
        name,
        state: 'error',
        message: `HTTP ${probe.status} ${probe.body.toString().slice(0, 120)}`,
      }
    appStats = await repeat(warm, measured, async () => {
      const result = await timedRequest(app.origin, makeRequest(context))
      if (result.status !== probe.status)
        throw new Error(`${name}: HTTP ${result.status}`)
      bytes = result.bytes
      serverTiming = result.serverTiming
      return result.ms
    })
  } else if (target.inProcess) {
    const work = target.inProcess(context)
    appStats = await repeat(warm, measured, () => timeSync(work))
  } else return { name, state: 'not-available' }
  const floorWork = target.floor?.(context)
  const floor = floorWork
    ? await repeat(warm, measured, () => timeSync(floorWork))
    : null
  return {
    name,
    state: 'measured',
    goal: target.goal,
    path,
    app: appStats,
    floor,
    bytes,
    serverTiming,
  }
}

const results: Results = {
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: `${os.availableParallelism()} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    memory:
      execSync('free -h').toString().split('\n')[1]?.replace(/\s+/g, ' ') ?? '',
    node: process.version,
    'load average at start': os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' '),
  },
  dataset: Object.fromEntries(
    [
      'assessments',
      'findings',
      'finding_events',
      'remediation_tasks',
      'audit_log',
    ].map((table) => [
      table,
      (
        sqlite.prepare(`select count(*) as total from ${table}`).get() as {
          total: number
        }
      ).total,
    ]),
  ),
  settings: {
    warmup,
    iterations,
    heavyIterations,
    seconds,
    connections,
    smoke,
    ...(only.length > 0 ? { only: only.join(', ') } : {}),
  },
  targets: [],
  throughput: null,
  bundle: null,
}

try {
  for (const target of selectedTargets) {
    const result = await measureTarget(target)
    results.targets.push(result)
    const verdict =
      result.state === 'measured'
        ? judgeGoal(result.goal, result.app, result.floor)
        : null
    process.stdout.write(
      `${result.state === 'measured' ? `${result.app.median.toFixed(1)} ms` : result.state}  ${target.name}${verdict ? (verdict.met ? '  (met)' : `  (missed: ${verdict.misses.join('; ')})`) : ''}\n`,
    )
  }
  const readinessApi = results.targets.find((result) =>
    result.name.startsWith('Readiness API'),
  )
  const throughputPath =
    readinessApi === undefined || readinessApi.state === 'measured'
      ? `/api/v1/assessments/${LARGE_SLUG}/readiness`
      : `/api/v1/assessments/${LARGE_SLUG}/findings?status=open_any`
  if (!values['no-throughput'])
    results.throughput = await measureThroughput(
      app.origin,
      minimal.origin,
      throughputPath,
      credentials.bearer,
      seconds,
      connections,
    )
  results.bundle = {
    ...measureRouteBundle(path.resolve('build'), pickExecutiveRoute),
    goalKb: BUNDLE_GOAL_KB,
  }
} finally {
  closeAgent()
  await Promise.all([app.stop(), minimal.stop()])
  sqlite.close()
}

fs.mkdirSync(values.out, { recursive: true })
fs.writeFileSync(
  path.join(values.out, 'results.json'),
  `${JSON.stringify(results, null, 2)}\n`,
)
fs.writeFileSync(path.join(values.out, 'results.md'), resultsMarkdown(results))
process.stdout.write(
  `\n${resultsTable(results)}\n\nWritten to ${values.out}/results.md and results.json\n`,
)
const errors = results.targets.filter((result) => result.state === 'error')
if (errors.length > 0 || (results.throughput?.failures ?? 0) > 0)
  process.exitCode = 1
