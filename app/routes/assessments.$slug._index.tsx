import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { SeverityBadge } from '~/components/badges'
import { VerdictBanner } from '~/components/verdict-banner'
import { daysBetween, toIsoDay } from '~/domain/dates'
import { targetWindow } from '~/domain/forecast'
import { SEVERITIES, type Severity } from '~/domain/severity'
import { countFindingsBySeverity } from '~/models/finding.server'
import { loadReadiness } from '~/models/readiness.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.assessment.name ?? 'Assessment'} · Clearance` },
]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assessment } = requireAssessment(
    request,
    params.slug,
    'read:assessment',
    context,
  )

  const counts = countFindingsBySeverity(getDb(), assessment.id)
  const readiness = loadReadiness(getDb(), assessment.id)

  return {
    assessment,
    counts,
    today: toIsoDay(new Date()),
    verdict: {
      ready: readiness.ready,
      failing: readiness.failing.map((gate) => gate.name),
    },
  }
}

function Fact({
  label,
  children,
}: {
  label: string
  children: React.ReactNode
}) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  )
}

export default function AssessmentOverview() {
  const { assessment, counts, today, verdict } = useLoaderData<typeof loader>()
  const bySeverity = new Map(
    counts.map((row) => [row.severity as Severity, row]),
  )
  const total = counts.reduce((sum, row) => sum + row.total, 0)
  const start = assessment.remediationStartOn
  const elapsed = daysBetween(start, today)
  // Counted like the plan and the dashboard: a 2-week target that starts on
  // day 0 ends with day 13.
  const targetDates = targetWindow(
    start,
    assessment.targetWeeksMin,
    assessment.targetWeeksMax,
  )
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
      <div className="lg:col-span-3">
        <VerdictBanner {...verdict} gatesHref="gates" />
      </div>
      <section
        className="rounded border border-slate-200 bg-white p-4 lg:col-span-2"
        aria-labelledby="facts"
      >
        <h2 id="facts" className="text-lg font-semibold">
          Assessment
        </h2>
        {assessment.auditorVerdict ? (
          <p className="mt-2 rounded bg-rose-50 p-3 font-semibold text-rose-900">
            Auditor&apos;s verdict: {assessment.auditorVerdict}
          </p>
        ) : null}
        <p className="mt-2 text-slate-800">{assessment.summary}</p>
        <dl className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Fact label="Target service">{assessment.targetService}</Fact>
          <Fact label="Assessor">{assessment.assessor}</Fact>
          <Fact label="Assessment date">{assessment.assessedOn}</Fact>
          <Fact label="Status">{assessment.status.replace('_', ' ')}</Fact>
          <Fact label="Target window">
            {assessment.targetWeeksMin}-{assessment.targetWeeksMax} weeks (
            {targetDates.earlyMark} to {targetDates.deadline})
          </Fact>
          <Fact label="Remediation sprint starts">
            {start}{' '}
            <span className="text-sm font-normal text-slate-600">
              ({elapsed >= 0 ? `day ${elapsed + 1}` : `in ${-elapsed} days`};
              the security team can reschedule it from the plan)
            </span>
          </Fact>
          <Fact label="Next review">
            {assessment.nextReviewOn ?? 'not set'}
            {assessment.nextReviewNote ? ` — ${assessment.nextReviewNote}` : ''}
          </Fact>
          <Fact label="Escalation">{assessment.escalation || '—'}</Fact>
        </dl>
      </section>

      <section
        className="rounded border border-slate-200 bg-white p-4"
        aria-labelledby="by-severity"
      >
        <h2 id="by-severity" className="text-lg font-semibold">
          Findings by severity
        </h2>
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">
            Total and open findings per severity
          </caption>
          <thead>
            <tr className="text-left text-slate-600">
              <th scope="col" className="py-1">
                Severity
              </th>
              <th scope="col" className="py-1 text-right">
                Total
              </th>
              <th scope="col" className="py-1 text-right">
                Open
              </th>
            </tr>
          </thead>
          <tbody>
            {SEVERITIES.filter((severity) => bySeverity.has(severity)).map(
              (severity) => (
                <tr key={severity} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal">
                    <Link
                      to={`findings?severity=${severity}`}
                      className="hover:underline"
                    >
                      <SeverityBadge severity={severity} />
                    </Link>
                  </th>
                  <td className="py-1 text-right">
                    {bySeverity.get(severity)?.total ?? 0}
                  </td>
                  <td className="py-1 text-right">
                    {bySeverity.get(severity)?.open ?? 0}
                  </td>
                </tr>
              ),
            )}
            <tr className="border-t border-slate-300 font-semibold">
              <th scope="row" className="py-1 text-left">
                All
              </th>
              <td className="py-1 text-right">{total}</td>
              <td className="py-1 text-right">
                {counts.reduce((sum, row) => sum + row.open, 0)}
              </td>
            </tr>
          </tbody>
        </table>
      </section>

      <section
        className="rounded border border-slate-200 bg-white p-4 lg:col-span-2"
        aria-labelledby="documents"
      >
        <h2 id="documents" className="text-lg font-semibold">
          Reference documents
        </h2>
        {assessment.documents.length === 0 ? (
          <p className="mt-2 text-slate-600">No documents recorded.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {assessment.documents.map((document) => (
              <li key={document.file}>
                <p className="font-medium">
                  {document.title}{' '}
                  <code className="text-sm text-slate-700">
                    {document.file}
                  </code>
                </p>
                <p className="text-sm text-slate-600">
                  For: {document.audience}
                </p>
                <p className="text-sm">{document.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section
        className="rounded border border-slate-200 bg-white p-4"
        aria-labelledby="contacts"
      >
        <h2 id="contacts" className="text-lg font-semibold">
          Contacts
        </h2>
        <dl className="mt-2 space-y-2">
          {assessment.contacts.map((contact) => (
            <Fact key={contact.label} label={contact.label}>
              {contact.value}
            </Fact>
          ))}
          <Fact label="Escalation">{assessment.escalation || '—'}</Fact>
        </dl>
      </section>
    </div>
  )
}
