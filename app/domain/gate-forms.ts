import { z } from 'zod'
import type { GateParams, GateRuleKind } from '../../db/schema/gates'
import { SEVERITIES } from './severity'

/**
 * What the gates page accepts. A rule gate's parameters depend on its kind,
 * so the form is a union keyed by `ruleKind`: a severity threshold where the
 * rule needs one, a phase for overdue tasks, a set of closing statuses for
 * "severity resolved".
 */
export const RULE_KIND_LABELS: Record<GateRuleKind, string> = {
  no_open_at_or_above: 'No open finding at or above a severity',
  no_open_blockers: 'No open production blocker',
  severity_resolved: 'Every finding of a severity resolved',
  fixed_verified: 'Every fixed finding verified by a retest',
  no_overdue_tasks: 'No overdue plan task',
}

/** Statuses that may count as "resolved"; each is closed by definition. */
export const RESOLVING_STATUSES = [
  'verified',
  'risk_accepted',
  'false_positive',
] as const

const emptyToUndefined = (value: unknown) =>
  value === '' || value === null ? undefined : value

const name = z
  .string()
  .trim()
  .min(1, 'Give the gate a name.')
  .max(120, 'Keep the name under 120 characters.')
const description = z
  .string()
  .trim()
  .max(500, 'Keep the description under 500 characters.')
  .default('')
const severity = z.preprocess(
  emptyToUndefined,
  z.enum(SEVERITIES, 'Choose a severity.'),
)

export const RuleGateSchema = z.discriminatedUnion(
  'ruleKind',
  [
    z.object({
      ruleKind: z.literal('no_open_at_or_above'),
      name,
      description,
      severity,
    }),
    z.object({ ruleKind: z.literal('no_open_blockers'), name, description }),
    z.object({
      ruleKind: z.literal('severity_resolved'),
      name,
      description,
      severity,
      statuses: z
        .array(z.enum(RESOLVING_STATUSES))
        .min(1, 'Choose at least one status that counts as resolved.'),
    }),
    z.object({ ruleKind: z.literal('fixed_verified'), name, description }),
    z.object({
      ruleKind: z.literal('no_overdue_tasks'),
      name,
      description,
      phaseId: z.preprocess(
        emptyToUndefined,
        z.coerce.number().int().positive().optional(),
      ),
    }),
  ],
  { error: 'Choose a rule kind.' },
)
export type RuleGateInput = z.infer<typeof RuleGateSchema>

/** The stored parameters of a validated rule gate. */
export function ruleGateParams(input: RuleGateInput): GateParams {
  switch (input.ruleKind) {
    case 'no_open_at_or_above':
      return { severity: input.severity }
    case 'severity_resolved':
      return { severity: input.severity, statuses: [...input.statuses] }
    case 'no_overdue_tasks':
      return input.phaseId === undefined ? {} : { phaseId: input.phaseId }
    case 'no_open_blockers':
    case 'fixed_verified':
      return {}
  }
}

export const ChecklistGateSchema = z.object({ name, description })

export const CheckGateSchema = z.object({
  gateId: z.coerce.number().int().positive(),
  note: z
    .string()
    .trim()
    .min(1, 'Say what was checked and how.')
    .max(1000, 'Keep the note under 1000 characters.'),
})

/** Field errors keyed by field name, the first message for each. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form'
    errors[key] ??= issue.message
  }
  return errors
}
