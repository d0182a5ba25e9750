import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
} from 'drizzle-orm/sqlite-core'
import { users } from './accounts'
import { assessments } from './assessments'
import { createdAt, id, updatedAt, version } from './columns'
import { findings } from './findings'

/**
 * A phase of the remediation plan. Its dates are offsets in days from the
 * assessment's remediation start, so rescheduling the sprint moves every
 * phase at once. An ongoing phase has no end and no deadline.
 */
export const planPhases = sqliteTable(
  'plan_phases',
  {
    id: id(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    name: text('name').notNull(),
    goal: text('goal').notNull().default(''),
    position: integer('position').notNull(),
    startOffsetDays: integer('start_offset_days').notNull(),
    // Inclusive last day, counted like the start; null for ongoing phases.
    endOffsetDays: integer('end_offset_days'),
    isOngoing: integer('is_ongoing', { mode: 'boolean' })
      .notNull()
      .default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('plan_phases_assessment_idx').on(table.assessmentId, table.position),
  ],
)
export type SelectPlanPhase = typeof planPhases.$inferSelect

export const TASK_STATUSES = ['todo', 'doing', 'done'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

export const remediationTasks = sqliteTable(
  'remediation_tasks',
  {
    id: id(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    phaseId: integer('phase_id')
      .notNull()
      .references(() => planPhases.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerId: integer('owner_id').references(() => users.id),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('todo'),
    // When null, the task is due at the end of its phase.
    dueOn: text('due_on'),
    isQuickWin: integer('is_quick_win', { mode: 'boolean' })
      .notNull()
      .default(false),
    // Recurring work: never overdue, not counted against the deadline.
    isOngoing: integer('is_ongoing', { mode: 'boolean' })
      .notNull()
      .default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (table) => [
    index('remediation_tasks_phase_idx').on(table.phaseId, table.position),
    index('remediation_tasks_assessment_idx').on(
      table.assessmentId,
      table.status,
    ),
    index('remediation_tasks_owner_idx').on(table.ownerId),
  ],
)
export type SelectRemediationTask = typeof remediationTasks.$inferSelect

export const taskFindings = sqliteTable(
  'task_findings',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => remediationTasks.id),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
  },
  (table) => [
    primaryKey({ columns: [table.taskId, table.findingId] }),
    index('task_findings_finding_idx').on(table.findingId),
  ],
)
