import { Link } from '@remix-run/react'
import type { FindingStatus } from '~/domain/finding-status'
import type { Severity } from '~/domain/severity'
import { BlockerTag, SeverityPill, StatusPill } from './pills'

export interface TopRisk {
  reference: string
  title: string
  severity: Severity
  status: FindingStatus
  isBlocker: boolean
  dueOn: string | null
  owner: string | null
}

/** Blockers first, then critical and high findings, each linked. */
export function TopRisks({
  risks,
  total,
  today,
  slug,
}: {
  risks: TopRisk[]
  total: number
  today: string
  slug: string
}) {
  return (
    <section
      aria-labelledby="top-risks"
      className="min-w-0 rounded border border-slate-200 bg-white p-3"
    >
      <h2 id="top-risks" className="font-semibold">
        Top open risks
      </h2>
      {risks.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">
          No blocker, critical or high finding is open.
        </p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100">
          {risks.map((risk) => (
            <li key={risk.reference} className="py-1.5 text-sm">
              <p className="flex items-baseline gap-1.5">
                <SeverityPill severity={risk.severity} />
                {risk.isBlocker ? <BlockerTag /> : null}
                <Link
                  to={`/assessments/${slug}/findings/${risk.reference}`}
                  className="min-w-0 truncate text-sky-800 hover:underline"
                >
                  {risk.reference} {risk.title}
                </Link>
              </p>
              <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-700">
                <StatusPill status={risk.status} />
                <span>Owner: {risk.owner ?? 'unassigned'}</span>
                <span
                  className={
                    risk.dueOn && risk.dueOn < today
                      ? 'font-semibold text-rose-800'
                      : ''
                  }
                >
                  Due: {risk.dueOn ?? 'none'}
                  {risk.dueOn && risk.dueOn < today ? ' (overdue)' : ''}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {total > risks.length ? (
        <p className="mt-1 text-sm">
          <Link
            to={`/assessments/${slug}/findings?status=open_any&severity=critical&severity=high`}
            className="text-sky-800 underline"
          >
            All {total} open blocker, critical and high findings
          </Link>
        </p>
      ) : null}
    </section>
  )
}
