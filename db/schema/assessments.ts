import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'
import { users } from './accounts'
import { createdAt, id, updatedAt, version } from './columns'

export const ASSESSMENT_STATUSES = [
  'in_remediation',
  'ready',
  'signed_off',
  'archived',
] as const
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number]

export interface ReferenceDocument {
  title: string
  file: string
  audience: string
  summary: string
}

export interface Contact {
  label: string
  value: string
}

export type SeverityNumbers = Record<
  'critical' | 'high' | 'medium' | 'low' | 'info',
  number
>

export const assessments = sqliteTable(
  'assessments',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    targetService: text('target_service').notNull(),
    assessor: text('assessor').notNull(),
    assessedOn: text('assessed_on').notNull(),
    status: text('status', { enum: ASSESSMENT_STATUSES })
      .notNull()
      .default('in_remediation'),
    summary: text('summary').notNull().default(''),
    // The auditor's own verdict, kept as written ("Do not deploy ...").
    auditorVerdict: text('auditor_verdict').notNull().default(''),
    targetWeeksMin: integer('target_weeks_min').notNull(),
    targetWeeksMax: integer('target_weeks_max').notNull(),
    remediationStartOn: text('remediation_start_on').notNull(),
    nextReviewOn: text('next_review_on'),
    nextReviewNote: text('next_review_note').notNull().default(''),
    documents: text('documents', { mode: 'json' })
      .$type<ReferenceDocument[]>()
      .notNull()
      .default([]),
    contacts: text('contacts', { mode: 'json' })
      .$type<Contact[]>()
      .notNull()
      .default([]),
    escalation: text('escalation').notNull().default(''),
    // Days from a finding's creation to its default due date, per severity.
    slaDays: text('sla_days', { mode: 'json' })
      .$type<SeverityNumbers>()
      .notNull(),
    // Weights for "risk" charts and the weighted burndown.
    severityWeights: text('severity_weights', { mode: 'json' })
      .$type<SeverityNumbers>()
      .notNull(),
    archivedAt: text('archived_at'),
    archiveReason: text('archive_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (table) => [uniqueIndex('assessments_slug_unique').on(table.slug)],
)
export type SelectAssessment = typeof assessments.$inferSelect
export type InsertAssessment = typeof assessments.$inferInsert

/** Engineers and viewers see only the assessments they are members of. */
export const assessmentMembers = sqliteTable(
  'assessment_members',
  {
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.assessmentId, table.userId] }),
    index('assessment_members_user_idx').on(table.userId),
  ],
)
