import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { SeverityBadge, StatusBadge } from '~/components/badges'
import { listMyWork } from '~/models/finding-my-work.server'
import { requireUser } from '~/utils/auth.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'My work · Clearance' }]

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)

  return listMyWork(getDb(), user)
}

function Due({
  dueOn,
  isOverdue,
}: {
  dueOn: string | null
  isOverdue: boolean
}) {
  return (
    <span className="tabular-nums">
      {dueOn ?? '—'}
      {isOverdue ? (
        <span className="ml-1 font-semibold text-rose-800">Overdue</span>
      ) : null}
    </span>
  )
}

export default function MyWork() {
  const { findings, tasks } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">My work</h1>
      <section aria-labelledby="my-findings" className="space-y-2">
        <h2 id="my-findings" className="text-lg font-semibold">
          Findings assigned to me
        </h2>
        {findings.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-slate-700">
            No open finding is assigned to you.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
            {findings.map((finding) => (
              <li
                key={finding.id}
                className="flex flex-wrap items-center gap-2 p-3 text-sm"
              >
                <SeverityBadge severity={finding.severity} />
                <Link
                  to={`/assessments/${finding.assessmentSlug}/findings/${finding.reference}`}
                  className="font-medium text-sky-800 underline-offset-2 hover:underline"
                >
                  {finding.reference} {finding.title}
                </Link>
                <StatusBadge status={finding.status} />
                <span className="text-slate-600">{finding.assessmentName}</span>
                <span className="ml-auto">
                  Due{' '}
                  <Due dueOn={finding.dueOn} isOverdue={finding.isOverdue} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-tasks" className="space-y-2">
        <h2 id="my-tasks" className="text-lg font-semibold">
          Tasks I own
        </h2>
        {tasks.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-slate-700">
            You own no unfinished task.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
            {tasks.map((task) => (
              <li
                key={task.id}
                className="flex flex-wrap items-center gap-2 p-3 text-sm"
              >
                <Link
                  to={`/assessments/${task.assessmentSlug}`}
                  className="font-medium text-sky-800 underline-offset-2 hover:underline"
                >
                  {task.title}
                </Link>
                <span className="text-slate-600">
                  {task.phaseName} · {task.assessmentName} ·{' '}
                  {task.status === 'doing' ? 'In progress' : 'To do'}
                </span>
                <span className="ml-auto">
                  Due <Due dueOn={task.dueOn} isOverdue={task.isOverdue} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
