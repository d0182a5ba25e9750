import Database from 'better-sqlite3'
import { parseArgs } from 'node:util'
import { LARGE_SLUG } from './dataset/dataset'
import { executiveDashboardFloor } from './run/floors-dashboard'
import { findingFloor, findingsListFloor, readinessQueries } from './run/floors'
import { portfolioDashboardFloor, portfolioFloor } from './run/floors-portfolio'

/**
 * Prints EXPLAIN QUERY PLAN for every floor query, i.e. for the SQL each
 * page needs: `tsx bench/explain.ts [--db bench/out/bench.db]`.
 */
const { values } = parseArgs({
  options: { db: { type: 'string', default: 'bench/out/bench.db' } },
})
const sqlite = new Database(values.db, { readonly: true })
const statements: string[] = []
// Records each statement the floors prepare instead of running it.
const recorder = new Proxy(sqlite, {
  get(target, property) {
    if (property === 'prepare')
      return (source: string) => {
        statements.push(source)
        return target.prepare(source)
      }
    return Reflect.get(target, property) as unknown
  },
})
const context = { sqlite: recorder, sessionHash: '', tokenHash: '' }
findingsListFloor(context, {
  slug: LARGE_SLUG,
  severities: ['critical', 'high'],
  openOnly: true,
  page: 2,
  pageSize: 50,
})
findingFloor(context, LARGE_SLUG, 'F-00001')
portfolioFloor(context)
readinessQueries(context)
executiveDashboardFloor(context, LARGE_SLUG)
portfolioDashboardFloor(context)

for (const source of new Set(statements)) {
  // The plan does not depend on the values: bind nulls.
  const named = Object.fromEntries(
    [...source.matchAll(/@(\w+)/g)].map((match) => [match[1], null]),
  )
  const positional = [...source.matchAll(/\?/g)].map(() => null)
  const explain = sqlite.prepare(`explain query plan ${source}`)
  const plan = (
    Object.keys(named).length > 0
      ? explain.all(named)
      : explain.all(...positional)
  ) as { detail: string }[]
  process.stdout.write(`\n${source.replace(/\s+/g, ' ').slice(0, 160)}...\n`)
  for (const row of plan) process.stdout.write(`  ${row.detail}\n`)
}
