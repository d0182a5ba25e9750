import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'
import { FINDING_STATUSES } from '../../app/domain/finding-status'
import { SEVERITIES } from '../../app/domain/severity'
import { users } from './accounts'
import { assessments } from './assessments'
import { createdAt, id, updatedAt, version } from './columns'

export const SCORE_SOURCES = ['computed', 'imported'] as const

export const findings = sqliteTable(
  'findings',
  {
    id: id(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    // Stable within the assessment, e.g. P2-001.
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    affected: text('affected', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default([]),
    impact: text('impact').notNull().default(''),
    exploitScenario: text('exploit_scenario').notNull().default(''),
    // Markdown, rendered through a sanitising renderer.
    remediation: text('remediation').notNull().default(''),
    references: text('references', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default([]),
    auditorSeverity: text('auditor_severity', { enum: SEVERITIES }).notNull(),
    // The current severity: starts as the auditor's, security may change it.
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    cvssVector: text('cvss_vector'),
    cvssVersion: text('cvss_version', { enum: ['3.1', '4.0'] }),
    cvssScore: real('cvss_score'),
    cvssRating: text('cvss_rating', {
      enum: ['none', 'low', 'medium', 'high', 'critical'],
    }),
    // `computed` from the vector, or `imported` from a source with no vector.
    scoreSource: text('score_source', { enum: SCORE_SOURCES }),
    auditorCvssVector: text('auditor_cvss_vector'),
    auditorCvssScore: real('auditor_cvss_score'),
    cweId: integer('cwe_id'),
    owaspTop10: text('owasp_top10'),
    owaspApiTop10: text('owasp_api_top10'),
    // The best-practice area of the scorecard this finding counts against.
    practice: text('practice'),
    isBlocker: integer('is_blocker', { mode: 'boolean' })
      .notNull()
      .default(false),
    isQuickWin: integer('is_quick_win', { mode: 'boolean' })
      .notNull()
      .default(false),
    status: text('status', { enum: FINDING_STATUSES })
      .notNull()
      .default('open'),
    // Copied from the approved risk acceptance so "closed" is one SQL test.
    riskAcceptedUntil: text('risk_accepted_until'),
    assigneeId: integer('assignee_id').references(() => users.id),
    dueOn: text('due_on'),
    fixedById: integer('fixed_by_id').references(() => users.id),
    fixedAt: text('fixed_at'),
    verifiedById: integer('verified_by_id').references(() => users.id),
    verifiedAt: text('verified_at'),
    externalTicket: text('external_ticket'),
    // Matches re-imported results to the finding they created.
    fingerprint: text('fingerprint'),
    source: text('source').notNull().default('manual'),
    archivedAt: text('archived_at'),
    archiveReason: text('archive_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (table) => [
    uniqueIndex('findings_reference_unique').on(
      table.assessmentId,
      table.reference,
    ),
    // Also covers what every open/closed count reads (blocker flag, risk
    // acceptance expiry, archived), so counts over all findings of the
    // portfolio never touch the wide table rows: see docs/performance.md.
    // The reference is there for the verdict's one stand-in finding per
    // class (loadVerdict), which names it in a gate's reasons.
    index('findings_assessment_status_idx').on(
      table.assessmentId,
      table.status,
      table.severity,
      table.isBlocker,
      table.riskAcceptedUntil,
      table.archivedAt,
      table.reference,
    ),
    index('findings_assessment_severity_idx').on(
      table.assessmentId,
      table.severity,
    ),
    index('findings_assignee_idx').on(table.assigneeId, table.status),
    index('findings_fingerprint_idx').on(table.assessmentId, table.fingerprint),
    index('findings_due_idx').on(table.assessmentId, table.dueOn),
  ],
)
export type SelectFinding = typeof findings.$inferSelect
export type InsertFinding = typeof findings.$inferInsert

export const FINDING_EVENT_KINDS = [
  'created',
  'status',
  'assigned',
  'due_date',
  'severity',
  'edited',
  'comment',
  'evidence',
  'archived',
  // Risk-acceptance requests and decisions that do not change the status.
  'risk_acceptance',
] as const

/**
 * The finding's history. Every status change is one row with its time, so
 * burndowns and forecasts are derived from here rather than from snapshots.
 * `assessmentId` is denormalised so per-assessment series need no join.
 */
export const findingEvents = sqliteTable(
  'finding_events',
  {
    id: id(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    actorId: integer('actor_id').references(() => users.id),
    kind: text('kind', { enum: FINDING_EVENT_KINDS }).notNull(),
    fromStatus: text('from_status', { enum: FINDING_STATUSES }),
    toStatus: text('to_status', { enum: FINDING_STATUSES }),
    // Severity at the time of the event, for weighted series.
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    changes: text('changes', { mode: 'json' }).$type<
      Record<string, { from: unknown; to: unknown }>
    >(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (table) => [
    index('finding_events_finding_idx').on(table.findingId, table.createdAt),
    index('finding_events_assessment_idx').on(
      table.assessmentId,
      table.kind,
      table.createdAt,
    ),
  ],
)
export type SelectFindingEvent = typeof findingEvents.$inferSelect

/**
 * The burndown kept as it happens: for each assessment, day and severity,
 * by how much the count of open findings changed that day. The open count
 * at the end of a day is the sum of the rows up to it, so the burndown and
 * the forecast read a few hundred rows instead of replaying every status
 * event. Written only by the `finding_events_open_deltas` trigger (see
 * drizzle/0002_open-deltas.sql), which applies the same rules as the
 * replay in app/domain/burndown.ts: a finding counts from its `created`
 * event, leaves the count when a status event closes it (verified, false
 * positive, risk accepted) or when it is archived, and returns when one
 * reopens it. The severity is the one the finding was created with.
 */
export const findingOpenDeltas = sqliteTable(
  'finding_open_deltas',
  {
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    day: text('day').notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    delta: integer('delta').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.assessmentId, table.day, table.severity] }),
  ],
)

export const comments = sqliteTable(
  'comments',
  {
    id: id(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('comments_finding_idx').on(table.findingId)],
)

export const EVIDENCE_KINDS = [
  'commit',
  'pull_request',
  'release',
  'note',
  'link',
  'file',
  'retest',
] as const

export const evidence = sqliteTable(
  'evidence',
  {
    id: id(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    value: text('value').notNull(),
    // For uploaded files: where they live under the data folder.
    fileName: text('file_name'),
    storedPath: text('stored_path'),
    mimeType: text('mime_type'),
    sizeBytes: integer('size_bytes'),
    addedById: integer('added_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [index('evidence_finding_idx').on(table.findingId)],
)

export const RISK_ACCEPTANCE_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'revoked',
] as const

/** Needs a second security user's approval before it takes effect. */
export const riskAcceptances = sqliteTable(
  'risk_acceptances',
  {
    id: id(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    status: text('status', { enum: RISK_ACCEPTANCE_STATUSES })
      .notNull()
      .default('pending'),
    justification: text('justification').notNull(),
    compensatingControls: text('compensating_controls').notNull(),
    expiresOn: text('expires_on').notNull(),
    requestedById: integer('requested_by_id')
      .notNull()
      .references(() => users.id),
    decidedById: integer('decided_by_id').references(() => users.id),
    decidedAt: text('decided_at'),
    createdAt: createdAt(),
  },
  (table) => [
    index('risk_acceptances_finding_idx').on(table.findingId, table.status),
  ],
)
