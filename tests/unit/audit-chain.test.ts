import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog } from '#db/schema/audit'
import { appendAudit, verifyAuditChain } from '~/models/audit.server'
import { createTestDb } from './test-db'

function chainOf(length: number) {
  const connection = createTestDb()
  for (let index = 0; index < length; index++)
    appendAudit(connection.db, {
      actorId: 1,
      actorLabel: 'security@example.test',
      action: 'finding.status_changed',
      entityType: 'finding',
      entityId: index,
      before: { status: 'open' },
      after: { status: 'in_progress' },
    })
  return connection
}

describe('The audit trail is a hash chain', () => {
  it('verifies an untouched chain', () => {
    const { db } = chainOf(5)
    expect(verifyAuditChain(db)).toEqual({ intact: true, entries: 5 })
  })

  it('names the first entry whose content was edited', () => {
    const { db } = chainOf(5)
    db.update(auditLog)
      .set({ after: '{"status":"verified"}' })
      .where(eq(auditLog.id, 3))
      .run()
    expect(verifyAuditChain(db)).toMatchObject({
      intact: false,
      firstBrokenId: 3,
    })
  })

  it('detects a deleted entry', () => {
    const { db } = chainOf(5)
    db.delete(auditLog).where(eq(auditLog.id, 2)).run()
    expect(verifyAuditChain(db)).toMatchObject({
      intact: false,
      firstBrokenId: 2,
    })
  })

  it('detects a deleted tail entry re-hashed by hand only if the link breaks', () => {
    const { db } = chainOf(3)
    // Recomputing one entry's own hash is not enough: the next link breaks.
    db.update(auditLog)
      .set({ actorLabel: 'someone-else', hash: 'f'.repeat(64) })
      .where(eq(auditLog.id, 2))
      .run()
    expect(verifyAuditChain(db)).toMatchObject({
      intact: false,
      firstBrokenId: 2,
    })
  })
})
