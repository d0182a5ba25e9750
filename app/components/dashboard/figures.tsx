import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { DashboardFigures } from '~/domain/dashboard-figures'
import type { Severity } from '~/domain/severity'
import { SEVERITY_NAMES, SEVERITY_ORDER, SeverityPill } from './pills'

function Figure({
  label,
  value,
  detail,
  tone = 'plain',
}: {
  label: string
  value: ReactNode
  detail?: ReactNode
  tone?: 'plain' | 'bad' | 'good'
}) {
  const toneClass =
    tone === 'bad'
      ? 'text-rose-800'
      : tone === 'good'
        ? 'text-emerald-800'
        : 'text-slate-900'
  return (
    <div className="min-w-0 rounded border border-slate-200 bg-white p-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">
        {label}
      </dt>
      <dd className={`text-2xl font-bold tabular-nums ${toneClass}`}>
        {value}
      </dd>
      {detail ? <dd className="text-xs text-slate-700">{detail}</dd> : null}
    </div>
  )
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`
}

function days(value: number): string {
  return count(value, 'day')
}

function untilMark(daysLeft: number, mark: string): string {
  if (daysLeft > 0) return `${days(daysLeft)} left (${mark})`
  if (daysLeft === 0) return `today (${mark})`
  return `passed ${days(-daysLeft)} ago (${mark})`
}

export interface FiguresProps {
  slug: string
  figures: DashboardFigures
  openBySeverity: { severity: Severity; open: number }[]
  riskAccepted: { active: number; nearestExpiry: string | null }
  sprintDay: number
  toEarlyMark: number
  toDeadline: number
  earlyMark: string
  deadline: string
  weeksMin: number
  weeksMax: number
}

export function Figures(props: FiguresProps) {
  const { figures } = props
  const open = new Map(props.openBySeverity.map((row) => [row.severity, row]))
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading" className="sr-only">
        Figures
      </h2>
      <dl className="grid grid-cols-2 gap-2 md:grid-cols-4">
        <Figure
          label="Open findings"
          value={
            <Link
              to={`/assessments/${props.slug}/findings?status=open_any`}
              className="hover:underline"
            >
              {figures.open}
              <span className="text-sm font-normal text-slate-600">
                {' '}
                of {figures.total}
              </span>
            </Link>
          }
          detail={
            <span className="flex flex-wrap gap-1">
              {SEVERITY_ORDER.filter((s) => (open.get(s)?.open ?? 0) > 0).map(
                (severity) => (
                  <span key={severity} title={SEVERITY_NAMES[severity]}>
                    <SeverityPill severity={severity} />{' '}
                    {open.get(severity)?.open}
                  </span>
                ),
              )}
            </span>
          }
          tone={figures.open > 0 ? 'bad' : 'good'}
        />
        <Figure
          label="Blockers open"
          value={figures.openBlockers}
          detail="production blockers not closed"
          tone={figures.openBlockers > 0 ? 'bad' : 'good'}
        />
        <Figure
          label="Remediated (verified)"
          value={`${figures.percentVerified}%`}
          detail={`${figures.verified} verified; ${figures.fixed} fixed, awaiting retest (${figures.percentFixed}%)`}
        />
        <Figure
          label="Overdue"
          value={figures.overdueFindings + figures.overdueTasks}
          detail={`${count(figures.overdueFindings, 'finding')}, ${count(figures.overdueTasks, 'task')}`}
          tone={
            figures.overdueFindings + figures.overdueTasks > 0 ? 'bad' : 'plain'
          }
        />
        <Figure
          label="Risk accepted"
          value={props.riskAccepted.active}
          detail={
            props.riskAccepted.nearestExpiry
              ? `nearest expiry ${props.riskAccepted.nearestExpiry.slice(0, 10)}`
              : 'none active'
          }
        />
        <Figure
          label="Since remediation start"
          value={props.sprintDay >= 0 ? days(props.sprintDay) : 'not started'}
          detail={
            props.sprintDay >= 0
              ? `day ${props.sprintDay + 1} of the sprint`
              : `starts in ${days(-props.sprintDay)}`
          }
        />
        <Figure
          label={`To the ${props.weeksMin}-week mark`}
          value={Math.max(0, props.toEarlyMark)}
          detail={untilMark(props.toEarlyMark, props.earlyMark)}
        />
        <Figure
          label={`To the ${props.weeksMax}-week deadline`}
          value={Math.max(0, props.toDeadline)}
          detail={untilMark(props.toDeadline, props.deadline)}
          tone={props.toDeadline < 0 ? 'bad' : 'plain'}
        />
      </dl>
    </section>
  )
}
