import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { summariseFindings } from '~/domain/report-state'
import { SEVERITIES, SEVERITY_LABELS } from '~/domain/severity'
import { openShareLink } from '~/models/report-share.server'
import { loadReportState } from '~/models/report.server'
import { fail } from '~/utils/http.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [
  { title: 'Shared sign-off report · Clearance' },
  { name: 'robots', content: 'noindex' },
]

/**
 * An auditor's read-only view through a share link: the summary and the
 * PDF, nothing else. Unknown, expired and revoked links all answer 404.
 */
export function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb()
  const link = openShareLink(db, params.token ?? '', {
    what: 'summary',
    ipAddress: context.clientIp,
    requestId: context.requestId,
  })
  logSecurityEvent(
    'share_link_used',
    link ? 'success' : 'denied',
    {
      requestId: context.requestId,
      clientIp: context.clientIp,
      route: '/shared',
    },
    { linkId: link?.id ?? null, what: 'summary' },
  )
  if (!link) fail(404, 'This link does not exist, has expired or was revoked.')

  const state = loadReportState(db, link.assessmentId)
  return {
    token: params.token ?? '',
    expiresAt: link.expiresAt,
    assessment: state.assessment,
    verdict: state.verdict,
    gates: state.gates.map((gate) => ({
      name: gate.name,
      passed: gate.passed,
    })),
    summary: summariseFindings(state.findings),
    signOffs: state.signOffs,
  }
}

export default function SharedReport() {
  const report = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm text-slate-600">
        Read-only auditor view, valid until {report.expiresAt.slice(0, 10)}
      </p>
      <h1 className="text-2xl font-semibold">{report.assessment.name}</h1>
      <p>{report.assessment.targetService}</p>
      <p
        className={`rounded p-3 font-semibold ${report.verdict.ready ? 'bg-emerald-50 text-emerald-900' : 'bg-rose-50 text-rose-900'}`}
      >
        {report.verdict.ready
          ? 'Verdict: ready for production'
          : `Verdict: not ready (${report.verdict.failingGates} gate(s) failing)`}
      </p>
      <p>
        <a
          href={`/shared/${report.token}/pdf`}
          className="text-sky-800 underline"
        >
          Download the sign-off report (PDF)
        </a>
      </p>
      <section aria-labelledby="figures">
        <h2 id="figures" className="text-lg font-semibold">
          Findings
        </h2>
        <p>
          {report.summary.total} findings, {report.summary.open} open.
        </p>
        <table className="mt-2 text-sm">
          <thead>
            <tr>
              <th scope="col" className="pr-4 text-left">
                Severity
              </th>
              <th scope="col" className="pr-4 text-left">
                Findings
              </th>
              <th scope="col" className="text-left">
                Open
              </th>
            </tr>
          </thead>
          <tbody>
            {SEVERITIES.map((severity) => (
              <tr key={severity}>
                <td className="pr-4">{SEVERITY_LABELS[severity]}</td>
                <td className="pr-4">
                  {report.summary.bySeverity[severity]?.total ?? 0}
                </td>
                <td>{report.summary.bySeverity[severity]?.open ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="gates">
        <h2 id="gates" className="text-lg font-semibold">
          Gates
        </h2>
        <ul className="text-sm">
          {report.gates.map((gate) => (
            <li key={gate.name}>
              {gate.passed ? 'Passes' : 'Fails'}: {gate.name}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="signatures">
        <h2 id="signatures" className="text-lg font-semibold">
          Signatures
        </h2>
        {report.signOffs.length === 0 ? (
          <p className="text-sm">No one has signed yet.</p>
        ) : (
          <ul className="text-sm">
            {report.signOffs.map((signOff, index) => (
              <li key={index}>
                {signOff.name} ({signOff.capacity ?? signOff.role}), signed{' '}
                {signOff.signedAt.slice(0, 10)}
                {signOff.stale ? ' — stale: a finding changed since' : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
