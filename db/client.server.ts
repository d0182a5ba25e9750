import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'

export type Db = BetterSQLite3Database

export interface Connection {
  sqlite: Database.Database
  db: Db
}

/**
 * Opens the SQLite file with the settings Clearance relies on: WAL so
 * readers never wait for the writer, FULL sync so an acknowledged write
 * survives a power loss, foreign keys on, and a busy timeout so a second
 * process (the CLI) waits instead of failing with "database is locked".
 */
export function openDatabase(databasePath: string): Connection {
  if (databasePath !== ':memory:') {
    const folder = path.dirname(path.resolve(databasePath))
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  }
  const sqlite = new Database(databasePath)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  if (databasePath !== ':memory:') {
    // The database holds the security team's data: owner-only.
    fs.chmodSync(databasePath, 0o600)
  }
  const db = drizzle(sqlite)
  // Write transactions start IMMEDIATE: a deferred one that reads first and
  // then writes fails at once with SQLITE_BUSY when another process (the
  // CLI, a second server) wrote in between; the busy timeout cannot help
  // it. IMMEDIATE takes the write lock up front and waits its turn
  // (tests/faults/concurrency.test.ts).
  const deferred = db.transaction.bind(db)
  db.transaction = ((run, config) =>
    deferred(run, {
      behavior: 'immediate',
      ...config,
    })) as typeof db.transaction
  return { sqlite, db }
}

export function migrationsFolder() {
  return path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle')
}

export function migrateDatabase(db: Db) {
  migrate(db, { migrationsFolder: migrationsFolder() })
}

const globalForDb = globalThis as unknown as { clearanceDb?: Connection }

/**
 * The process-wide connection. Kept on globalThis so Vite's hot reloads in
 * development reuse it instead of leaking file handles.
 */
export function getConnection(): Connection {
  if (!globalForDb.clearanceDb) {
    const databasePath = process.env.DATABASE_PATH ?? './data/clearance.db'
    globalForDb.clearanceDb = openDatabase(databasePath)
  }
  return globalForDb.clearanceDb
}

export function getDb(): Db {
  return getConnection().db
}
