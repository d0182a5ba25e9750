import { SeverityBadge, StatusBadge, Tag } from '~/components/badges'
import { Markdown } from '~/components/markdown'
import type { CvssMetric } from '~/domain/cvss'
import { owaspApiTop10Label, owaspTop10Label, PRACTICES } from '~/domain/owasp'
import { SEVERITY_LABELS, type findSeverityMismatch } from '~/domain/severity'
import type { SelectFinding } from '#db/schema/findings'
import type { ReactNode } from 'react'

export function Section({
  title,
  children,
}: {
  title: string
  children: ReactNode
}) {
  const id = title.toLowerCase().replace(/[^a-z]+/g, '-')
  return (
    <section
      aria-labelledby={id}
      className="rounded border border-slate-200 bg-white p-4"
    >
      <h3 id={id} className="text-lg font-semibold">
        {title}
      </h3>
      <div className="mt-2">{children}</div>
    </section>
  )
}

/** The finding as the auditor wrote it, plus its current state. */
export function FindingFacts({
  finding,
  assigneeName,
  metrics,
  mismatch,
  isClosed,
  isOverdue,
  defaultDueOn,
}: {
  finding: SelectFinding
  assigneeName: string | null
  metrics: CvssMetric[]
  mismatch: ReturnType<typeof findSeverityMismatch>
  isClosed: boolean
  isOverdue: boolean
  defaultDueOn: string
}) {
  return (
    <>
      <header className="rounded border border-slate-200 bg-white p-4">
        <p className="font-mono text-sm text-slate-600">{finding.reference}</p>
        <h2 className="text-xl font-semibold">{finding.title}</h2>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <SeverityBadge severity={finding.severity} />
          <StatusBadge status={finding.status} />
          {finding.isBlocker ? <Tag>Production blocker</Tag> : null}
          {finding.isQuickWin ? <Tag>Quick win</Tag> : null}
          <span className="text-sm text-slate-700">
            {isClosed ? 'Closed' : 'Open'}
          </span>
          {isOverdue ? (
            <span className="text-sm font-semibold text-rose-800">Overdue</span>
          ) : null}
        </div>
        {mismatch ? (
          <p
            role="note"
            className="mt-3 rounded bg-amber-50 p-3 text-sm text-amber-900"
          >
            Severity mismatch: the auditor rated this finding{' '}
            <strong>{SEVERITY_LABELS[mismatch.auditorSeverity]}</strong>, but
            its CVSS score {mismatch.score.toFixed(1)} falls in the{' '}
            <strong>{SEVERITY_LABELS[mismatch.cvssSeverity]}</strong> band. The
            auditor&apos;s severity is used for gates and counts.
          </p>
        ) : null}
        <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="text-slate-600">Auditor&apos;s severity</dt>
            <dd>{SEVERITY_LABELS[finding.auditorSeverity]}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Assignee</dt>
            <dd>{assigneeName ?? 'Unassigned'}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Due</dt>
            <dd>
              {finding.dueOn ?? `${defaultDueOn} (default)`}
              {isOverdue ? (
                <span className="ml-1 font-semibold text-rose-800">
                  Overdue
                </span>
              ) : null}
            </dd>
          </div>
          {finding.externalTicket ? (
            <div>
              <dt className="text-slate-600">Ticket</dt>
              <dd className="break-all">{finding.externalTicket}</dd>
            </div>
          ) : null}
          <div>
            <dt className="text-slate-600">CWE</dt>
            <dd>{finding.cweId ? `CWE-${finding.cweId}` : '—'}</dd>
          </div>
          <div>
            <dt className="text-slate-600">OWASP Top 10</dt>
            <dd>{owaspTop10Label(finding.owaspTop10)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">OWASP API Top 10</dt>
            <dd>{owaspApiTop10Label(finding.owaspApiTop10)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Practice</dt>
            <dd>
              {finding.practice
                ? (PRACTICES[finding.practice] ?? finding.practice)
                : '—'}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Updated</dt>
            <dd>{finding.updatedAt.slice(0, 16).replace('T', ' ')} UTC</dd>
          </div>
        </dl>
      </header>

      <Section title="CVSS">
        {finding.cvssScore === null ? (
          <p className="text-slate-700">No CVSS score.</p>
        ) : (
          <>
            <p>
              <span className="text-2xl font-semibold tabular-nums">
                {finding.cvssScore.toFixed(1)}
              </span>{' '}
              <span className="capitalize">{finding.cvssRating}</span>{' '}
              <span className="text-sm text-slate-600">
                {finding.scoreSource === 'imported'
                  ? '(score imported from the source, which gave no vector)'
                  : `(CVSS ${finding.cvssVersion}, computed from the vector)`}
              </span>
            </p>
            {finding.cvssVector ? (
              <p className="mt-1 break-all font-mono text-sm">
                {finding.cvssVector}
              </p>
            ) : null}
            {metrics.length > 0 ? (
              <table className="mt-3 text-sm">
                <caption className="sr-only">
                  CVSS base metrics in words
                </caption>
                <tbody>
                  {metrics.map((metric) => (
                    <tr key={metric.key}>
                      <th
                        scope="row"
                        className="pr-4 text-left font-normal text-slate-600"
                      >
                        {metric.name} ({metric.key})
                      </th>
                      <td className="font-medium">{metric.meaning}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {finding.auditorCvssScore !== null &&
            finding.auditorCvssScore !== finding.cvssScore ? (
              <p className="mt-2 text-sm text-slate-700">
                Auditor&apos;s original score:{' '}
                {finding.auditorCvssScore.toFixed(1)} (
                {finding.auditorCvssVector ?? 'no vector'})
              </p>
            ) : null}
          </>
        )}
      </Section>

      <Section title="Description">
        <Markdown>{finding.description}</Markdown>
      </Section>
      <Section title="Affected components">
        {finding.affected.length === 0 ? (
          <p className="text-slate-600">None listed.</p>
        ) : (
          <ul className="list-disc pl-6">
            {finding.affected.map((item) => (
              <li key={item}>
                <code>{item}</code>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Impact">
        <Markdown>{finding.impact}</Markdown>
      </Section>
      <Section title="Exploit scenario">
        <Markdown>{finding.exploitScenario}</Markdown>
      </Section>
      <Section title="Remediation">
        <Markdown>{finding.remediation}</Markdown>
      </Section>
      <Section title="References">
        {finding.references.length === 0 ? (
          <p className="text-slate-600">None.</p>
        ) : (
          <ul className="list-disc pl-6">
            {finding.references.map((reference) => (
              <li key={reference}>
                {/^https?:\/\//.test(reference) ? (
                  <a
                    href={reference}
                    rel="noreferrer noopener"
                    target="_blank"
                    className="break-all text-sky-800 underline"
                  >
                    {reference}
                  </a>
                ) : (
                  reference
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  )
}
