import { z } from 'zod'
import { TASK_STATUSES } from '../../db/schema/plan'
import { isFormDay } from './dates'

/**
 * The plan page's forms. Each action names itself with an `intent`; the
 * fields of a task are shared by "add" and "edit".
 */
export const PLAN_INTENTS = [
  'reschedule',
  'create-task',
  'update-task',
  'move-task',
  'link-finding',
  'unlink-finding',
  'update-own-status',
] as const
export type PlanIntent = (typeof PLAN_INTENTS)[number]

export const TASK_STATUS_LABELS: Record<
  (typeof TASK_STATUSES)[number],
  string
> = { todo: 'To do', doing: 'In progress', done: 'Done' }

const day = z
  .string()
  .trim()
  .refine(isFormDay, 'Enter a date as YYYY-MM-DD, from 2000 to 2099.')
const id = z.coerce.number().int().positive()
const blankToNull = (value: unknown) =>
  value === '' || value === undefined ? null : value
const checkbox = z
  .literal('on')
  .optional()
  .transform((value) => value === 'on')

export const RescheduleSchema = z.object({ startOn: day })

export const TaskFieldsSchema = z.object({
  phaseId: id,
  title: z
    .string()
    .trim()
    .min(1, 'Give the task a title.')
    .max(200, 'Keep the title under 200 characters.'),
  description: z
    .string()
    .trim()
    .max(4000, 'Keep the description under 4000 characters.')
    .default(''),
  ownerId: z.preprocess(blankToNull, id.nullable()),
  status: z.enum(TASK_STATUSES, 'Choose a status.'),
  dueOn: z.preprocess(blankToNull, day.nullable()),
  isQuickWin: checkbox,
  isOngoing: checkbox,
})

export const UpdateTaskSchema = TaskFieldsSchema.extend({
  taskId: id,
  version: z.coerce.number().int().positive(),
})

export const MoveTaskSchema = z.object({
  taskId: id,
  direction: z.enum(['up', 'down']),
})

export const TaskFindingSchema = z.object({
  taskId: id,
  findingId: z.coerce
    .number('Choose a finding.')
    .int()
    .positive('Choose a finding.'),
})

export const OwnStatusSchema = z.object({
  taskId: id,
  version: z.coerce.number().int().positive(),
  status: z.enum(TASK_STATUSES, 'Choose a status.'),
})

/** The form's text values, to give back on an error so nothing is lost. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of form.entries())
    if (typeof value === 'string' && key !== 'csrf') values[key] = value
  return values
}
