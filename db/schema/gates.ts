import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './accounts'
import { assessments } from './assessments'
import { createdAt, id, updatedAt, version } from './columns'

/**
 * Rule gates are evaluated from the data (`ruleKind` + `params`); checklist
 * gates pass when a named person ticks them with a note.
 */
export const GATE_TYPES = ['rule', 'checklist'] as const
export const GATE_RULE_KINDS = [
  'no_open_at_or_above',
  'no_open_blockers',
  'severity_resolved',
  'fixed_verified',
  'no_overdue_tasks',
] as const
export type GateRuleKind = (typeof GATE_RULE_KINDS)[number]

export interface GateParams {
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info'
  phaseId?: number
  statuses?: string[]
}

export const gates = sqliteTable(
  'gates',
  {
    id: id(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    type: text('type', { enum: GATE_TYPES }).notNull(),
    ruleKind: text('rule_kind', { enum: GATE_RULE_KINDS }),
    params: text('params', { mode: 'json' })
      .$type<GateParams>()
      .notNull()
      .default({}),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    position: integer('position').notNull(),
    checkedById: integer('checked_by_id').references(() => users.id),
    checkedAt: text('checked_at'),
    checkNote: text('check_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (table) => [
    index('gates_assessment_idx').on(table.assessmentId, table.position),
  ],
)
export type SelectGate = typeof gates.$inferSelect
