import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { migrateDatabase, openDatabase } from '#db/client.server'
import { generateDataset } from './dataset/dataset'

/**
 * Builds a separate SQLite file full of realistic data for the benchmark:
 *   tsx bench/generate.ts [--out bench/out/bench.db] [--seed 42]
 *     [--assessments 500] [--findings 100000] [--today 2026-12-01]
 * The same seed (and today) always gives the same data.
 */
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'bench/out/bench.db' },
    seed: { type: 'string', default: '42' },
    assessments: { type: 'string', default: '500' },
    findings: { type: 'string', default: '100000' },
    today: { type: 'string', default: '2026-12-01' },
  },
})

const out = path.resolve(values.out)
const appDatabase = path.resolve(
  process.env.DATABASE_PATH ?? 'data/clearance.db',
)
if (out === appDatabase)
  throw new Error(`Refusing to overwrite the app's database ${out}`)
for (const suffix of ['', '-wal', '-shm'])
  fs.rmSync(out + suffix, { force: true })

const started = performance.now()
const { sqlite, db } = openDatabase(out)
migrateDatabase(db)
// Bulk-load settings: the file is thrown away if the run dies.
sqlite.pragma('synchronous = OFF')
sqlite.pragma('foreign_keys = OFF')
const counts = sqlite.transaction(() =>
  generateDataset(sqlite, {
    seed: Number(values.seed),
    assessments: Number(values.assessments),
    findings: Number(values.findings),
    today: new Date(`${values.today}T12:00:00.000Z`),
  }),
)()
const violations = sqlite.pragma('foreign_key_check') as unknown[]
if (violations.length > 0)
  throw new Error(`${violations.length} foreign key violations`)
sqlite.pragma('wal_checkpoint(TRUNCATE)')
sqlite.close()

const seconds = (performance.now() - started) / 1000
const megabytes = fs.statSync(out).size / 1e6
for (const [name, count] of Object.entries(counts))
  process.stdout.write(`${name.padEnd(14)} ${count.toLocaleString('en')}\n`)
process.stdout.write(
  `Wrote ${out} (${megabytes.toFixed(0)} MB) in ${seconds.toFixed(1)} s\n`,
)
