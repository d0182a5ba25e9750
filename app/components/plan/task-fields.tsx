import { TASK_STATUSES } from '#db/schema/plan'
import { TASK_STATUS_LABELS } from '~/domain/plan-forms'

export const inputClass =
  'rounded border border-slate-400 bg-white px-2 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-[invalid]:border-red-700'

export interface TaskFieldValues {
  phaseId: string
  title: string
  description: string
  ownerId: string
  status: string
  dueOn: string
  isQuickWin: boolean
  isOngoing: boolean
}

function FieldError({
  id,
  message,
}: {
  id: string
  message?: string | undefined
}) {
  return message ? (
    <p id={id} className="text-sm text-red-800">
      {message}
    </p>
  ) : null
}

/**
 * The fields of a task, shared by "add a task" and "edit task". `prefix`
 * keeps ids unique when many tasks are on one page.
 */
export function TaskFields({
  prefix,
  values,
  errors,
  phases,
  owners,
}: {
  prefix: string
  values: TaskFieldValues
  errors: Record<string, string>
  phases: { id: number; name: string }[]
  owners: { id: number; name: string; role: string }[]
}) {
  const field = (name: string) => ({
    id: `${prefix}-${name}`,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${prefix}-${name}-error` : undefined,
  })
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor={`${prefix}-title`} className="text-sm font-medium">
          Title
        </label>
        <input
          {...field('title')}
          defaultValue={values.title}
          className={inputClass}
          required
        />
        <FieldError id={`${prefix}-title-error`} message={errors.title} />
      </div>
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label
          htmlFor={`${prefix}-description`}
          className="text-sm font-medium"
        >
          Description
        </label>
        <textarea
          {...field('description')}
          defaultValue={values.description}
          rows={3}
          className={inputClass}
        />
        <FieldError
          id={`${prefix}-description-error`}
          message={errors.description}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${prefix}-phaseId`} className="text-sm font-medium">
          Phase
        </label>
        <select
          {...field('phaseId')}
          defaultValue={values.phaseId}
          className={inputClass}
        >
          {phases.map((phase) => (
            <option key={phase.id} value={phase.id}>
              {phase.name}
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-phaseId-error`} message={errors.phaseId} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${prefix}-ownerId`} className="text-sm font-medium">
          Owner
        </label>
        <select
          {...field('ownerId')}
          defaultValue={values.ownerId}
          className={inputClass}
        >
          <option value="">Nobody yet</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name} ({owner.role})
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-ownerId-error`} message={errors.ownerId} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${prefix}-status`} className="text-sm font-medium">
          Status
        </label>
        <select
          {...field('status')}
          defaultValue={values.status}
          className={inputClass}
        >
          {TASK_STATUSES.map((status) => (
            <option key={status} value={status}>
              {TASK_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-status-error`} message={errors.status} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${prefix}-dueOn`} className="text-sm font-medium">
          Due date (empty: the phase&apos;s end)
        </label>
        <input
          {...field('dueOn')}
          type="date"
          defaultValue={values.dueOn}
          className={inputClass}
        />
        <FieldError id={`${prefix}-dueOn-error`} message={errors.dueOn} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="isQuickWin"
          defaultChecked={values.isQuickWin}
        />
        Quick win
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="isOngoing"
          defaultChecked={values.isOngoing}
        />
        Ongoing (never overdue)
      </label>
    </div>
  )
}

/** The values a form starts from: the user's last input after an error. */
export function taskFieldValues(
  submitted: Record<string, string> | undefined,
  current: TaskFieldValues,
): TaskFieldValues {
  if (!submitted) return current
  return {
    phaseId: submitted.phaseId ?? current.phaseId,
    title: submitted.title ?? '',
    description: submitted.description ?? '',
    ownerId: submitted.ownerId ?? '',
    status: submitted.status ?? current.status,
    dueOn: submitted.dueOn ?? '',
    isQuickWin: submitted.isQuickWin === 'on',
    isOngoing: submitted.isOngoing === 'on',
  }
}
