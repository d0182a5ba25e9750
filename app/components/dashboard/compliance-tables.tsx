import { Link } from '@remix-run/react'
import {
  COMPLIANCE_LABELS,
  countByStatus,
  SCORE_MAX,
  type CategoryCompliance,
  type ComplianceStatus,
  type Scorecard,
} from '~/domain/compliance'
import { ScrollBox } from '~/components/scroll-box'

const statusStyles: Record<ComplianceStatus, string> = {
  compliant: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  partial: 'bg-amber-50 text-amber-900 ring-amber-300',
  not_compliant: 'bg-rose-50 text-rose-900 ring-rose-300',
}

function StatusPill({ status }: { status: ComplianceStatus }) {
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ring-1 ${statusStyles[status]}`}
    >
      {COMPLIANCE_LABELS[status]}
    </span>
  )
}

export function ComplianceTable({
  id,
  title,
  rows,
  slug,
}: {
  id: string
  title: string
  rows: CategoryCompliance[]
  slug: string
}) {
  const totals = countByStatus(rows)
  return (
    <section
      aria-labelledby={id}
      className="rounded border border-slate-200 bg-white p-4"
    >
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      <p className="text-sm text-slate-700">
        {totals.compliant} compliant, {totals.partial} partly compliant,{' '}
        {totals.not_compliant} not compliant.
      </p>
      <ScrollBox label={`${title}: status per category`} className="mt-2">
        <table className="w-full text-sm">
          <caption className="sr-only">{title}: status per category</caption>
          <thead>
            <tr className="text-left text-slate-600">
              <th scope="col" className="py-1 pr-2">
                Category
              </th>
              <th scope="col" className="py-1 pr-2 text-right">
                Findings
              </th>
              <th scope="col" className="py-1 pr-2 text-right">
                Closed
              </th>
              <th scope="col" className="py-1 pr-2">
                Status
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-2 text-left font-normal">
                  {row.total > 0 ? (
                    <Link
                      to={`/assessments/${slug}/findings?owasp=${row.code}`}
                      className="text-sky-800 hover:underline"
                    >
                      {row.code} {row.name}
                    </Link>
                  ) : (
                    `${row.code} ${row.name}`
                  )}
                </th>
                <td className="py-1 pr-2 text-right tabular-nums">
                  {row.total}
                </td>
                <td className="py-1 pr-2 text-right tabular-nums">
                  {row.closed}
                </td>
                <td className="py-1 pr-2">
                  <StatusPill status={row.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  )
}

export function ScorecardTable({ scorecard }: { scorecard: Scorecard }) {
  return (
    <section
      aria-labelledby="scorecard"
      className="rounded border border-slate-200 bg-white p-4"
    >
      <h3 id="scorecard" className="font-semibold">
        Security practices scorecard: {scorecard.overall} / {SCORE_MAX}
      </h3>
      <p className="text-sm text-slate-700">
        Each finding counts against one practice. A practice scores {SCORE_MAX}{' '}
        × closed ÷ findings, and {SCORE_MAX} when it has no finding; the overall
        score is the mean of the practices.
      </p>
      <ScrollBox label="Score per practice" className="mt-2">
        <table className="w-full text-sm">
          <caption className="sr-only">Score per practice</caption>
          <thead>
            <tr className="text-left text-slate-600">
              <th scope="col" className="py-1 pr-2">
                Practice
              </th>
              <th scope="col" className="py-1 pr-2 text-right">
                Findings
              </th>
              <th scope="col" className="py-1 pr-2 text-right">
                Closed
              </th>
              <th scope="col" className="py-1 pr-2 text-right">
                Score
              </th>
            </tr>
          </thead>
          <tbody>
            {scorecard.practices.map((row) => (
              <tr key={row.key} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-2 text-left font-normal">
                  {row.name}
                </th>
                <td className="py-1 pr-2 text-right tabular-nums">
                  {row.total}
                </td>
                <td className="py-1 pr-2 text-right tabular-nums">
                  {row.closed}
                </td>
                <td className="py-1 pr-2 text-right font-semibold tabular-nums">
                  {row.score} / {SCORE_MAX}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  )
}
