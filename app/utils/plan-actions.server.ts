import type { AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import { fieldErrors } from '~/domain/gate-forms'
import {
  MoveTaskSchema,
  OwnStatusSchema,
  PLAN_INTENTS,
  RescheduleSchema,
  TaskFieldsSchema,
  TaskFindingSchema,
  UpdateTaskSchema,
  type PlanIntent,
} from '~/domain/plan-forms'
import { auditActor, type AuditActor } from '~/models/audit-actor.server'
import { listTaskOwnerCandidates } from '~/models/plan.server'
import { rescheduleSprint } from '~/models/plan-schedule.server'
import {
  createTask,
  moveTask,
  updateOwnTaskStatus,
  updateTask,
  type TaskChangeResult,
} from '~/models/plan-task.server'
import { setTaskFindingLink } from '~/models/task-finding.server'
import { getDb } from '#db/client.server'
import { requirePermission } from './auth.server'
import { answerForm, formId, type FormAnswer } from './form-answer.server'
import { fail } from './http.server'

/**
 * The plan page's actions, one function per intent. The route authorizes
 * the assessment and reads the form; here each intent gets its permission
 * check, its Zod parse and its model call. Errors give the input back.
 */
export interface PlanActionData extends FormAnswer {
  intent: PlanIntent
  taskId: number | null
}

function answer(
  intent: PlanIntent,
  form: FormData,
  status: number,
  message: string,
  errors: Record<string, string> = {},
) {
  return answerForm<PlanActionData>(
    { intent, taskId: formId(form, 'taskId') },
    form,
    status,
    message,
    errors,
  )
}

function fromResult(
  intent: PlanIntent,
  form: FormData,
  result: TaskChangeResult,
  success: string,
) {
  if (result.ok) return answer(intent, form, 200, success)
  switch (result.reason) {
    case 'not_found':
      fail(404, 'There is no such task, phase or finding in this plan.')
    // falls through: fail() never returns
    case 'forbidden':
      fail(403, 'You may change the status only of tasks you own.')
    // falls through
    case 'conflict':
      return answer(
        intent,
        form,
        409,
        `${result.changedBy ?? 'Someone'} changed this task at ${result.at.slice(0, 16).replace('T', ' ')} UTC, after you opened the page. Your edit is kept below and was not saved; check the task and save again to replace their change.`,
      )
  }
}

export async function runPlanAction(
  request: Request,
  context: AppLoadContext,
  assessmentId: number,
  form: FormData,
) {
  const parsedIntent = z.enum(PLAN_INTENTS).safeParse(form.get('intent'))
  if (!parsedIntent.success) fail(400, 'This form has no known action.')
  const intent = parsedIntent.data
  const { user } = requirePermission(
    request,
    intent === 'update-own-status' ? 'update:own-task' : 'edit:plan',
    context,
  )
  const actor: AuditActor = auditActor(user, context)
  const db = getDb()
  const input = Object.fromEntries(form)
  const invalid = (error: z.ZodError) =>
    answer(intent, form, 400, 'Some fields need attention.', fieldErrors(error))

  switch (intent) {
    case 'reschedule': {
      const parsed = RescheduleSchema.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      const result = rescheduleSprint(
        db,
        assessmentId,
        parsed.data.startOn,
        actor,
      )
      return answer(
        intent,
        form,
        200,
        `The sprint now starts on ${parsed.data.startOn}; every phase moved by ${result.shiftDays} days and ${result.movedFindings.length} finding due dates followed.`,
      )
    }
    case 'create-task':
    case 'update-task': {
      const parsed = (
        intent === 'create-task' ? TaskFieldsSchema : UpdateTaskSchema
      ).safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      const owners = listTaskOwnerCandidates(db, assessmentId)
      if (
        parsed.data.ownerId !== null &&
        !owners.some((owner) => owner.id === parsed.data.ownerId)
      )
        return answer(intent, form, 400, 'Some fields need attention.', {
          ownerId: 'Choose someone who works on this assessment.',
        })
      if (intent === 'create-task')
        return fromResult(
          intent,
          form,
          createTask(db, assessmentId, parsed.data, actor),
          `Added "${parsed.data.title}".`,
        )
      const update = UpdateTaskSchema.parse(input)
      const { taskId, version, ...fields } = update
      return fromResult(
        intent,
        form,
        updateTask(db, assessmentId, taskId, version, fields, actor),
        `Saved "${fields.title}".`,
      )
    }
    case 'move-task': {
      const parsed = MoveTaskSchema.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      const { taskId, direction } = parsed.data
      return fromResult(
        intent,
        form,
        moveTask(db, assessmentId, taskId, direction, actor),
        `Moved the task ${direction}.`,
      )
    }
    case 'link-finding':
    case 'unlink-finding': {
      const parsed = TaskFindingSchema.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      const linked = intent === 'link-finding'
      return fromResult(
        intent,
        form,
        setTaskFindingLink(
          db,
          assessmentId,
          parsed.data.taskId,
          parsed.data.findingId,
          linked,
          actor,
        ),
        linked ? 'Linked the finding.' : 'Unlinked the finding.',
      )
    }
    case 'update-own-status': {
      const parsed = OwnStatusSchema.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      const { taskId, version, status } = parsed.data
      return fromResult(
        intent,
        form,
        updateOwnTaskStatus(db, assessmentId, taskId, version, status, actor),
        'Updated the task status.',
      )
    }
  }
}
