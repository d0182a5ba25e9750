import type { TaskItemContext, TaskItemView } from './task-item'
import { TaskItem } from './task-item'

export interface PhaseView {
  id: number
  name: string
  goal: string
  isOngoing: boolean
  startOn: string
  endOn: string | null
  startOffsetDays: number
  endOffsetDays: number | null
  isOverdue: boolean
  tasks: TaskItemView[]
}

/** One phase of the plan: its dates (derived from the start), its tasks. */
export function PhaseSection({
  phase,
  context,
}: {
  phase: PhaseView
  context: TaskItemContext
}) {
  const headingId = `phase-${phase.id}`
  return (
    <section
      aria-labelledby={headingId}
      className={`rounded border p-4 ${phase.isOverdue ? 'border-rose-400 bg-rose-50/40' : 'border-slate-200 bg-slate-50'}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {phase.name}
        </h2>
        {phase.isOverdue ? (
          <span className="rounded bg-rose-700 px-2 py-0.5 text-xs font-semibold text-white">
            Phase overdue
          </span>
        ) : null}
      </div>
      <p className="text-sm text-slate-700" data-testid="phase-dates">
        {phase.endOn === null
          ? `From ${phase.startOn}, ongoing (no end date)`
          : phase.endOn === phase.startOn
            ? `On ${phase.startOn} (day ${phase.startOffsetDays + 1})`
            : `From ${phase.startOn} to ${phase.endOn} (days ${phase.startOffsetDays + 1}-${(phase.endOffsetDays ?? 0) + 1})`}
      </p>
      {phase.goal ? <p className="mt-1 text-sm">{phase.goal}</p> : null}
      {phase.tasks.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No tasks in this phase.</p>
      ) : (
        <ol className="mt-3 space-y-2">
          {phase.tasks.map((task, index) => (
            <li key={task.id}>
              <TaskItem
                task={task}
                isFirst={index === 0}
                isLast={index === phase.tasks.length - 1}
                context={context}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
