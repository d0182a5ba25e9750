import crypto from 'node:crypto'
import { asc, desc, eq, gt, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { auditLog, type SelectAuditEntry } from '#db/schema/audit'

/** The hash an empty chain starts from. */
export const GENESIS_HASH = '0'.repeat(64)

export interface AuditInput {
  actorId: number | null
  actorLabel: string
  action: string
  entityType: string
  entityId?: string | number | null
  assessmentId?: number | null
  before?: unknown
  after?: unknown
  ipAddress?: string | null
  requestId?: string | null
  at?: string
}

type Hashable = Omit<SelectAuditEntry, 'hash'>

/**
 * The entry's hash covers every column but itself, in a fixed order, plus
 * the previous entry's hash. Changing any stored value, or removing a row,
 * breaks the hash of that row or of the one after it.
 */
export function hashAuditEntry(entry: Hashable): string {
  const canonical = JSON.stringify([
    entry.id,
    entry.at,
    entry.actorId,
    entry.actorLabel,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.assessmentId,
    entry.before,
    entry.after,
    entry.ipAddress,
    entry.requestId,
    entry.prevHash,
  ])
  return crypto.createHash('sha256').update(canonical).digest('hex')
}

function serialise(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

/**
 * Appends one entry. Call it inside the transaction that makes the change,
 * so the change and its record commit together. Writers are serialised by
 * SQLite, so reading the last hash and inserting the next cannot race.
 */
export function appendAudit(db: Db, input: AuditInput): SelectAuditEntry {
  return auditAppender(db)(input)
}

const placeholder = (name: keyof SelectAuditEntry) => sql.placeholder(name)

/**
 * For writing many entries in one transaction (an import writes one per
 * finding): the insert is prepared once, and the chain's last entry is read
 * once and then carried along in memory, instead of a lookup and a freshly
 * built statement per entry. Valid only inside the transaction it was made
 * in: outside one, another writer could append between two calls.
 */
export function auditAppender(db: Db): (input: AuditInput) => SelectAuditEntry {
  const insert = db
    .insert(auditLog)
    .values({
      id: placeholder('id'),
      at: placeholder('at'),
      actorId: placeholder('actorId'),
      actorLabel: placeholder('actorLabel'),
      action: placeholder('action'),
      entityType: placeholder('entityType'),
      entityId: placeholder('entityId'),
      assessmentId: placeholder('assessmentId'),
      before: placeholder('before'),
      after: placeholder('after'),
      ipAddress: placeholder('ipAddress'),
      requestId: placeholder('requestId'),
      prevHash: placeholder('prevHash'),
      hash: placeholder('hash'),
    })
    .prepare()
  let last: { id: number; hash: string } | undefined
  let lastRead = false
  return (input) => {
    if (!lastRead) {
      ;[last] = db
        .select({ id: auditLog.id, hash: auditLog.hash })
        .from(auditLog)
        .orderBy(desc(auditLog.id))
        .limit(1)
        .all()
      lastRead = true
    }
    const entry: Hashable = {
      id: (last?.id ?? 0) + 1,
      at: input.at ?? new Date().toISOString(),
      actorId: input.actorId,
      actorLabel: input.actorLabel,
      action: input.action,
      entityType: input.entityType,
      entityId:
        input.entityId === undefined || input.entityId === null
          ? null
          : String(input.entityId),
      assessmentId: input.assessmentId ?? null,
      before: serialise(input.before),
      after: serialise(input.after),
      ipAddress: input.ipAddress ?? null,
      requestId: input.requestId ?? null,
      prevHash: last?.hash ?? GENESIS_HASH,
    }
    const row = { ...entry, hash: hashAuditEntry(entry) }
    insert.run(row)
    last = row
    return row
  }
}

export type ChainVerdict =
  | { intact: true; entries: number }
  | { intact: false; entries: number; firstBrokenId: number; problem: string }

/** Walks the chain in id order, in pages, and names the first broken entry. */
export function verifyAuditChain(db: Db, pageSize = 5000): ChainVerdict {
  let previousHash = GENESIS_HASH
  let expectedId = 1
  let entries = 0
  for (;;) {
    const page = db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, expectedId - 1))
      .orderBy(asc(auditLog.id))
      .limit(pageSize)
      .all()
    if (page.length === 0) return { intact: true, entries }
    for (const entry of page) {
      if (entry.id !== expectedId)
        return {
          intact: false,
          entries,
          firstBrokenId: expectedId,
          problem: `entry ${expectedId} is missing`,
        }
      if (entry.prevHash !== previousHash)
        return {
          intact: false,
          entries,
          firstBrokenId: entry.id,
          problem: 'its link to the previous entry does not match',
        }
      if (hashAuditEntry(entry) !== entry.hash)
        return {
          intact: false,
          entries,
          firstBrokenId: entry.id,
          problem: 'its content does not match its hash',
        }
      previousHash = entry.hash
      expectedId += 1
      entries += 1
    }
  }
}

export function listAuditEntriesForAssessment(
  db: Db,
  assessmentId: number,
  limit = 200,
) {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.assessmentId, assessmentId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all()
}
