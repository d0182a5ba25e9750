import { Form, Link, useSearchParams } from '@remix-run/react'
import { StatusBadge, Tag } from '~/components/badges'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass } from '~/components/field'
import type { FindingStatus } from '~/domain/finding-status'
import type { TaskProgress } from '~/domain/plan'
import { TASK_STATUS_LABELS } from '~/domain/plan-forms'
import type { PlanActionData } from '~/utils/plan-actions.server'
import { inputClass, TaskFields, taskFieldValues } from './task-fields'

export interface TaskItemView {
  id: number
  phaseId: number
  title: string
  description: string
  ownerId: number | null
  ownerName: string | null
  status: 'todo' | 'doing' | 'done'
  ownDueOn: string | null
  dueOn: string | null
  isQuickWin: boolean
  isOngoing: boolean
  version: number
  progress: TaskProgress
  isOverdue: boolean
  findings: {
    id: number
    reference: string
    title: string
    status: FindingStatus
    isClosed: boolean
  }[]
}

const PROGRESS: Record<TaskProgress, { label: string; style: string }> = {
  done: { label: 'Done', style: 'bg-emerald-100 text-emerald-900' },
  complete_by_findings: {
    label: 'Complete: every linked finding is closed',
    style: 'bg-emerald-100 text-emerald-900',
  },
  done_but_open: {
    label: 'Marked done, but a linked finding is still open',
    style: 'bg-amber-100 text-amber-950 ring-1 ring-amber-500',
  },
  doing: { label: 'In progress', style: 'bg-sky-100 text-sky-900' },
  todo: { label: 'To do', style: 'bg-slate-100 text-slate-800' },
}

const smallButton =
  'rounded border border-slate-400 bg-white px-2 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-40'

export interface TaskItemContext {
  slug: string
  canEdit: boolean
  userId: number
  phases: { id: number; name: string }[]
  owners: { id: number; name: string; role: string }[]
  findings: { id: number; reference: string; title: string }[]
  actionData: PlanActionData | undefined
}

export function TaskItem({
  task,
  isFirst,
  isLast,
  context,
}: {
  task: TaskItemView
  isFirst: boolean
  isLast: boolean
  context: TaskItemContext
}) {
  const { slug, canEdit, userId, actionData } = context
  const titleId = `task-${task.id}-title`
  const mine = actionData?.taskId === task.id ? actionData : undefined
  const failed = mine && !mine.ok ? mine : undefined
  const progress = PROGRESS[task.progress]
  const linkedIds = new Set(task.findings.map((finding) => finding.id))
  const unlinked = context.findings.filter((f) => !linkedIds.has(f.id))
  // The edit form is rendered only for the task being edited: sixteen full
  // forms with every owner listed would make the page heavy for little use.
  const [searchParams] = useSearchParams()
  const editing =
    searchParams.get('edit') === String(task.id) ||
    failed?.intent === 'update-task'
  return (
    <article
      id={`task-${task.id}`}
      aria-labelledby={titleId}
      className={`rounded border bg-white p-3 ${task.isOverdue ? 'border-rose-400' : 'border-slate-200'}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={titleId} className="font-semibold">
          {task.title}
        </h3>
        <div className="flex flex-wrap gap-1 text-xs">
          <span className={`rounded px-2 py-0.5 font-medium ${progress.style}`}>
            {progress.label}
          </span>
          {task.isQuickWin ? <Tag>Quick win</Tag> : null}
          {task.isOngoing ? (
            <span className="rounded bg-slate-200 px-2 py-0.5">Ongoing</span>
          ) : null}
          {task.isOverdue ? (
            <span className="rounded bg-rose-700 px-2 py-0.5 font-semibold text-white">
              Overdue
            </span>
          ) : null}
        </div>
      </div>
      {task.description ? (
        <p className="mt-1 text-sm text-slate-800">{task.description}</p>
      ) : null}
      <dl className="mt-2 grid grid-cols-2 gap-x-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">Owner</dt>
          <dd>{task.ownerName ?? 'Nobody yet'}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Status</dt>
          <dd>{TASK_STATUS_LABELS[task.status]}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Due</dt>
          <dd>
            {task.dueOn ?? 'no deadline'}
            {task.dueOn && !task.ownDueOn ? ' (phase end)' : ''}
          </dd>
        </div>
      </dl>
      {task.findings.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm" aria-label="Findings remediated">
          {task.findings.map((finding) => (
            <li key={finding.id} className="flex flex-wrap items-center gap-2">
              <Link
                to={`/assessments/${slug}/findings/${finding.reference}`}
                className="text-sky-800 underline"
              >
                {finding.reference} {finding.title}
              </Link>
              <StatusBadge status={finding.status} />
              {canEdit ? (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="unlink-finding" />
                  <input type="hidden" name="taskId" value={task.id} />
                  <input type="hidden" name="findingId" value={finding.id} />
                  <button
                    type="submit"
                    className={smallButton}
                    aria-label={`Unlink ${finding.reference} from ${task.title}`}
                  >
                    Unlink
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mine ? (
        <p
          role={mine.ok ? 'status' : 'alert'}
          className={`mt-2 text-sm ${mine.ok ? 'text-emerald-800' : 'text-red-800'}`}
        >
          {mine.message}
        </p>
      ) : null}
      {task.ownerId === userId && !canEdit ? (
        <Form
          method="post"
          className="mt-2 flex flex-wrap items-end gap-2"
          key={`own-${task.version}`}
        >
          <CsrfInput />
          <input type="hidden" name="intent" value="update-own-status" />
          <input type="hidden" name="taskId" value={task.id} />
          <input type="hidden" name="version" value={task.version} />
          <label className="flex flex-col text-sm">
            My status
            <select
              name="status"
              defaultValue={failed?.values.status ?? task.status}
              className={inputClass}
            >
              {Object.entries(TASK_STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={smallButton}>
            Update status
          </button>
        </Form>
      ) : null}
      {canEdit ? (
        <div className="mt-2 flex flex-wrap items-start gap-2">
          <Form method="post" className="flex gap-1">
            <CsrfInput />
            <input type="hidden" name="intent" value="move-task" />
            <input type="hidden" name="taskId" value={task.id} />
            <button
              type="submit"
              name="direction"
              value="up"
              disabled={isFirst}
              className={smallButton}
              aria-label={`Move ${task.title} up`}
            >
              ↑ Up
            </button>
            <button
              type="submit"
              name="direction"
              value="down"
              disabled={isLast}
              className={smallButton}
              aria-label={`Move ${task.title} down`}
            >
              ↓ Down
            </button>
          </Form>
          {unlinked.length > 0 ? (
            <Form method="post" className="flex max-w-full items-center gap-1">
              <CsrfInput />
              <input type="hidden" name="intent" value="link-finding" />
              <input type="hidden" name="taskId" value={task.id} />
              <label htmlFor={`task-${task.id}-link`} className="sr-only">
                Finding to link to {task.title}
              </label>
              <select
                id={`task-${task.id}-link`}
                name="findingId"
                // Shrinks below its longest option on a narrow screen.
                className={`${inputClass} min-w-0`}
              >
                {unlinked.map((finding) => (
                  <option key={finding.id} value={finding.id}>
                    {finding.reference} {finding.title.slice(0, 40)}
                  </option>
                ))}
              </select>
              <button type="submit" className={smallButton}>
                Link finding
              </button>
            </Form>
          ) : null}
          {editing ? null : (
            <Link
              to={`?edit=${task.id}#task-${task.id}`}
              preventScrollReset
              className="self-center text-sm text-sky-800 underline"
            >
              Edit<span className="sr-only"> {task.title}</span>
            </Link>
          )}
          {editing ? (
            <div className="w-full">
              <Form
                method="post"
                className="mt-2 space-y-3"
                key={`edit-${task.version}`}
                noValidate
              >
                <CsrfInput />
                <input type="hidden" name="intent" value="update-task" />
                <input type="hidden" name="taskId" value={task.id} />
                <input type="hidden" name="version" value={task.version} />
                <TaskFields
                  prefix={`task-${task.id}`}
                  values={taskFieldValues(
                    failed?.intent === 'update-task'
                      ? failed.values
                      : undefined,
                    {
                      phaseId: String(task.phaseId),
                      title: task.title,
                      description: task.description,
                      ownerId: task.ownerId ? String(task.ownerId) : '',
                      status: task.status,
                      dueOn: task.ownDueOn ?? '',
                      isQuickWin: task.isQuickWin,
                      isOngoing: task.isOngoing,
                    },
                  )}
                  errors={failed?.errors ?? {}}
                  phases={context.phases}
                  owners={context.owners}
                />
                <button type="submit" className={buttonClass}>
                  Save task
                </button>
              </Form>
              <Link to="?" className="mt-2 inline-block text-sm underline">
                Close the editor
              </Link>
            </div>
          ) : null}
        </div>
      ) : null}
    </article>
  )
}
