import type { AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import {
  CheckGateSchema,
  ChecklistGateSchema,
  fieldErrors,
  RuleGateSchema,
} from '~/domain/gate-forms'
import { auditActor } from '~/models/audit-actor.server'
import {
  createChecklistGate,
  createRuleGate,
  setGateChecked,
  setGateEnabled,
  type GateChangeResult,
} from '~/models/gate.server'
import { getDb } from '#db/client.server'
import { requirePermission } from './auth.server'
import { answerForm, formId, type FormAnswer } from './form-answer.server'
import { fail } from './http.server'

/**
 * The gates page's actions. Switching and adding gates needs `edit:gates`;
 * ticking a checklist gate needs `check:gate` and a note.
 */
export const GATE_INTENTS = [
  'toggle-gate',
  'create-rule-gate',
  'create-checklist-gate',
  'check-gate',
  'uncheck-gate',
] as const
export type GateIntent = (typeof GATE_INTENTS)[number]

export interface GateActionData extends FormAnswer {
  intent: GateIntent
  gateId: number | null
}

function answer(
  intent: GateIntent,
  form: FormData,
  status: number,
  message: string,
  errors: Record<string, string> = {},
) {
  return answerForm<GateActionData>(
    { intent, gateId: formId(form, 'gateId') },
    form,
    status,
    message,
    errors,
  )
}

function fromResult(
  intent: GateIntent,
  form: FormData,
  result: GateChangeResult,
  success: string,
) {
  if (result.ok) return answer(intent, form, 200, success)
  if (result.reason === 'not_checklist')
    fail(400, 'Only checklist gates are ticked by hand.')
  fail(404, 'There is no such gate or phase in this assessment.')
}

export async function runGateAction(
  request: Request,
  context: AppLoadContext,
  assessmentId: number,
  form: FormData,
) {
  const parsedIntent = z.enum(GATE_INTENTS).safeParse(form.get('intent'))
  if (!parsedIntent.success) fail(400, 'This form has no known action.')
  const intent = parsedIntent.data
  const { user } = requirePermission(
    request,
    intent === 'check-gate' || intent === 'uncheck-gate'
      ? 'check:gate'
      : 'edit:gates',
    context,
  )
  const actor = auditActor(user, context)
  const db = getDb()
  const input = Object.fromEntries(form)
  const invalid = (error: z.ZodError) =>
    answer(intent, form, 400, 'Some fields need attention.', fieldErrors(error))
  const gateId = z.coerce.number().int().positive().safeParse(input.gateId)

  switch (intent) {
    case 'toggle-gate': {
      const enabled = z.enum(['true', 'false']).safeParse(input.enabled)
      if (!gateId.success || !enabled.success)
        fail(400, 'Say which gate to switch, and how.')
      const on = enabled.data === 'true'
      return fromResult(
        intent,
        form,
        setGateEnabled(db, assessmentId, gateId.data, on, actor),
        on ? 'The gate is enabled.' : 'The gate is disabled.',
      )
    }
    case 'create-rule-gate': {
      const parsed = RuleGateSchema.safeParse({
        ...input,
        statuses: form.getAll('statuses'),
      })
      if (!parsed.success) return invalid(parsed.error)
      return fromResult(
        intent,
        form,
        createRuleGate(db, assessmentId, parsed.data, actor),
        `Added the gate "${parsed.data.name}".`,
      )
    }
    case 'create-checklist-gate': {
      const parsed = ChecklistGateSchema.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      return fromResult(
        intent,
        form,
        createChecklistGate(db, assessmentId, parsed.data, actor),
        `Added the checklist item "${parsed.data.name}".`,
      )
    }
    case 'check-gate': {
      const parsed = CheckGateSchema.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      return fromResult(
        intent,
        form,
        setGateChecked(
          db,
          assessmentId,
          parsed.data.gateId,
          parsed.data.note,
          actor,
        ),
        'Checked.',
      )
    }
    case 'uncheck-gate': {
      if (!gateId.success) fail(400, 'Say which gate to untick.')
      return fromResult(
        intent,
        form,
        setGateChecked(db, assessmentId, gateId.data, null, actor),
        'Unticked.',
      )
    }
  }
}
