import type Database from 'better-sqlite3'
import { GENESIS_HASH, hashAuditEntry } from '~/models/audit.server'

export type Row = Record<string, string | number | null>
export type Insert = (table: string, row: Row) => void

/**
 * Inserts through one cached prepared statement per table and column set:
 * the fast path for hundreds of thousands of rows in one transaction.
 */
export function bulkInserter(sqlite: Database.Database): Insert {
  const statements = new Map<string, Database.Statement>()
  return (table, row) => {
    const columns = Object.keys(row)
    const key = `${table}(${columns.join(',')})`
    let statement = statements.get(key)
    if (!statement) {
      statement = sqlite.prepare(
        `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      )
      statements.set(key, statement)
    }
    statement.run(...Object.values(row))
  }
}

export interface AuditSeed {
  at: string
  actorId: number | null
  actorLabel: string
  action: string
  entityType: string
  entityId: string | null
  assessmentId: number | null
  before: unknown
  after: unknown
}

/**
 * Writes the audit entries in time order with the same hash chain the app
 * builds one entry at a time (`appendAudit`), so `verifyAuditChain` holds.
 */
export function writeAuditChain(insert: Insert, seeds: AuditSeed[]): number {
  seeds.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  let prevHash = GENESIS_HASH
  let id = 0
  for (const seed of seeds) {
    id += 1
    const entry = {
      id,
      at: seed.at,
      actorId: seed.actorId,
      actorLabel: seed.actorLabel,
      action: seed.action,
      entityType: seed.entityType,
      entityId: seed.entityId,
      assessmentId: seed.assessmentId,
      before: seed.before === undefined ? null : JSON.stringify(seed.before),
      after: seed.after === undefined ? null : JSON.stringify(seed.after),
      ipAddress: null,
      requestId: null,
      prevHash,
    }
    const hash = hashAuditEntry(entry)
    insert('audit_log', {
      id,
      at: entry.at,
      actor_id: entry.actorId,
      actor_label: entry.actorLabel,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      assessment_id: entry.assessmentId,
      before: entry.before,
      after: entry.after,
      ip_address: null,
      request_id: null,
      prev_hash: prevHash,
      hash,
    })
    prevHash = hash
  }
  return id
}
