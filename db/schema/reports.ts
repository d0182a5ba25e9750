import {
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'
import { users } from './accounts'
import { assessments } from './assessments'
import { createdAt, id } from './columns'

/** Who must sign an assessment off, and in what capacity. */
export const signOffRequirements = sqliteTable(
  'sign_off_requirements',
  {
    id: id(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    capacity: text('capacity').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('sign_off_requirements_unique').on(
      table.assessmentId,
      table.userId,
    ),
  ],
)

/** A signature, with the state it was given on. */
export const signOffs = sqliteTable(
  'sign_offs',
  {
    id: id(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    signerName: text('signer_name').notNull(),
    signerRole: text('signer_role').notNull(),
    statement: text('statement').notNull(),
    // Set when the signer signed although gates failed.
    gateException: text('gate_exception'),
    state: text('state', { mode: 'json' }).notNull(),
    stateDigest: text('state_digest').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('sign_offs_assessment_idx').on(table.assessmentId)],
)

/** Every exported file's digest, so Clearance can later vouch for it. */
export const reportExports = sqliteTable(
  'report_exports',
  {
    id: id(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    userId: integer('user_id').references(() => users.id),
    format: text('format', { enum: ['pdf', 'csv', 'json'] }).notNull(),
    fileSha256: text('file_sha256').notNull(),
    contentDigest: text('content_digest').notNull(),
    stateDigest: text('state_digest').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('report_exports_file_idx').on(table.fileSha256),
    index('report_exports_content_idx').on(table.contentDigest),
  ],
)

/** An expiring, revocable read-only link to one assessment's report. */
export const shareLinks = sqliteTable(
  'share_links',
  {
    id: id(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    tokenHash: text('token_hash').notNull(),
    label: text('label').notNull().default(''),
    createdById: integer('created_by_id')
      .notNull()
      .references(() => users.id),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('share_links_token_unique').on(table.tokenHash)],
)
