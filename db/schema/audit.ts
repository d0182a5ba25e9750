import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Append-only audit trail. Each entry stores the SHA-256 of the previous
 * entry's hash and its own content, so an edited or deleted row breaks the
 * chain from that point on. Nothing in the app updates or deletes rows here.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    actorId: integer('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    assessmentId: integer('assessment_id'),
    before: text('before'),
    after: text('after'),
    ipAddress: text('ip_address'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_log_assessment_idx').on(table.assessmentId, table.id),
    index('audit_log_entity_idx').on(table.entityType, table.entityId),
  ],
)
export type SelectAuditEntry = typeof auditLog.$inferSelect
