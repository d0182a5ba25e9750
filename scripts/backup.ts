import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'

/**
 * `npm run backup -- --out FILE`: a consistent copy of the database while
 * Clearance keeps serving and writing. VACUUM INTO reads one snapshot in a
 * single transaction, so it finishes under a steady stream of writes, where
 * the online backup API from a second connection restarts on every write.
 * The copy is created owner-only (0600) and checked with integrity_check
 * before the command reports success.
 */
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    database: { type: 'string' },
  },
})

function fail(message: string): never {
  process.stderr.write(`backup: ${message}\n`)
  process.exit(1)
}

const source = path.resolve(
  values.database ?? process.env.DATABASE_PATH ?? './data/clearance.db',
)
if (!values.out) fail('give the file to write with --out FILE')
const target = path.resolve(values.out)
if (!fs.existsSync(source)) fail(`no database at ${source}`)
if (fs.existsSync(target)) fail(`${target} exists; choose a new file`)

// Created owner-only from the first byte, not chmod-ed afterwards.
process.umask(0o077)
fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 })

const started = Date.now()
const database = new Database(source, { fileMustExist: true })
try {
  database.pragma('busy_timeout = 10000')
  database.prepare('VACUUM INTO ?').run(target)
} catch (error) {
  fs.rmSync(target, { force: true })
  fail(`the copy failed: ${error instanceof Error ? error.message : error}`)
} finally {
  database.close()
}
fs.chmodSync(target, 0o600)

const copy = new Database(target, { readonly: true, fileMustExist: true })
let integrity: unknown
let findings = 0
try {
  integrity = copy.pragma('integrity_check', { simple: true })
  findings = copy
    .prepare('SELECT count(*) FROM findings')
    .pluck()
    .get() as number
} finally {
  copy.close()
}
if (integrity !== 'ok') {
  fs.rmSync(target, { force: true })
  fail(`the copy failed its integrity check (${String(integrity)}); removed it`)
}

process.stdout.write(
  `${JSON.stringify({
    backup: target,
    bytes: fs.statSync(target).size,
    mode: (fs.statSync(target).mode & 0o777).toString(8),
    integrity,
    findings,
    milliseconds: Date.now() - started,
  })}\n`,
)
