import { useState } from 'react'
import type { CategoryCompliance } from '~/domain/compliance'
import type { TimelineRow } from '~/domain/forecast'
import type { Severity } from '~/domain/severity'
import { ChartFrame, DataTable, useOpenTablesForPrint } from './chart-frame'
import { SEVERITY_NAMES as SEVERITY_LABELS } from './pills'

export interface ChartsData {
  timeline: TimelineRow[]
  today: string
  earlyMark: string
  deadline: string
  weeksMin: number
  weeksMax: number
  bySeverity: {
    severity: Severity
    open: number
    verified: number
    fixed: number
  }[]
  phases: { name: string; done: number; doing: number; todo: number }[]
  owaspTop10: CategoryCompliance[]
  owaspApiTop10: CategoryCompliance[]
  weights: Record<Severity, number>
}

function dash(value: number | null | undefined): string | number {
  return value === null || value === undefined ? '—' : value
}

function Burndown({ data }: { data: ChartsData }) {
  const [weighted, setWeighted] = useState(false)
  const key = weighted ? 'weighted' : 'open'
  const actual = data.timeline.filter((row) => row.open !== null)
  const first = actual[0]
  const last = actual.at(-1)
  return (
    <ChartFrame
      id="chart-burndown"
      title="Burndown"
      summary={
        first && last
          ? `Open findings went from ${first.open} on ${first.day} to ${last.open} on ${last.day}; the ideal lines reach zero on ${data.earlyMark} (${data.weeksMin} weeks) and ${data.deadline} (${data.weeksMax} weeks).`
          : 'Remediation has not started yet.'
      }
      spec={{
        kind: 'burndown',
        rows: data.timeline,
        weighted,
        today: data.today,
        earlyMark: data.earlyMark,
        deadline: data.deadline,
      }}
      controls={
        <label className="flex items-center gap-1 text-sm print:hidden">
          <input
            type="checkbox"
            checked={weighted}
            onChange={(event) => setWeighted(event.target.checked)}
          />
          Weighted by severity
        </label>
      }
    >
      <DataTable
        caption="Open findings per day, ideal lines and forecast"
        head={[
          'Day',
          weighted ? 'Open (weighted)' : 'Open',
          `Ideal, ${data.weeksMin} weeks`,
          `Ideal, ${data.weeksMax} weeks`,
          'Forecast',
        ]}
        rows={data.timeline.map((row) => [
          row.day,
          dash(row[key]),
          row.idealEarly[key],
          row.idealDeadline[key],
          dash(row.forecast?.[key]),
        ])}
      />
    </ChartFrame>
  )
}

function Owasp({
  id,
  title,
  rows,
}: {
  id: string
  title: string
  rows: CategoryCompliance[]
}) {
  const touched = rows.filter((row) => row.total > 0)
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={`${touched.length} of ${rows.length} categories have findings; ${touched.filter((row) => row.open > 0).length} still have open ones.`}
      spec={{ kind: 'owasp', rows }}
    >
      <DataTable
        caption={`${title}: findings and open findings per category`}
        head={['Category', 'Findings', 'Open']}
        rows={rows.map((row) => [
          `${row.code} ${row.name}`,
          row.total,
          row.open,
        ])}
      />
    </ChartFrame>
  )
}

export function DashboardCharts({ data }: { data: ChartsData }) {
  useOpenTablesForPrint()
  const weights = (Object.keys(data.weights) as Severity[])
    .map((severity) => `${severity} ×${data.weights[severity]}`)
    .join(', ')
  const risk = data.timeline
    .filter((row) => row.weighted !== null)
    .map((row) => ({ day: row.day, weighted: row.weighted }))
  const firstRisk = risk[0]?.weighted ?? 0
  const lastRisk = risk.at(-1)?.weighted ?? 0
  return (
    <section aria-labelledby="charts-heading" className="mt-6">
      <h2 id="charts-heading" className="text-lg font-semibold">
        Progress
      </h2>
      <div className="mt-2 grid grid-cols-1 gap-4 lg:grid-cols-2 print:block">
        <Burndown data={data} />
        <ChartFrame
          id="chart-risk"
          title="Risk over time"
          summary={`Open findings weighted by severity (${weights}): ${firstRisk} at the start, ${lastRisk} now.`}
          spec={{ kind: 'risk', rows: risk, weights }}
        >
          <DataTable
            caption="Weighted open risk per day"
            head={['Day', 'Weighted open risk']}
            rows={risk.map((row) => [row.day, dash(row.weighted)])}
          />
        </ChartFrame>
        <ChartFrame
          id="chart-severity"
          title="Open and verified by severity"
          summary={data.bySeverity
            .map(
              (row) =>
                `${SEVERITY_LABELS[row.severity]}: ${row.open} open, ${row.verified} verified`,
            )
            .join('; ')}
          spec={{
            kind: 'severity',
            rows: data.bySeverity.map((row) => ({
              label: SEVERITY_LABELS[row.severity],
              open: row.open,
              verified: row.verified,
            })),
          }}
        >
          <DataTable
            caption="Open, fixed awaiting retest and verified findings per severity"
            head={['Severity', 'Open', 'Of which fixed', 'Verified']}
            rows={data.bySeverity.map((row) => [
              SEVERITY_LABELS[row.severity],
              row.open,
              row.fixed,
              row.verified,
            ])}
          />
        </ChartFrame>
        <ChartFrame
          id="chart-phases"
          title="Remediation by plan phase"
          summary={data.phases
            .map(
              (phase) =>
                `${phase.name}: ${phase.done} of ${phase.done + phase.doing + phase.todo} tasks done`,
            )
            .join('; ')}
          spec={{ kind: 'phases', rows: data.phases }}
        >
          <DataTable
            caption="Tasks per plan phase by state"
            head={['Phase', 'Done', 'In progress', 'Not started']}
            rows={data.phases.map((phase) => [
              phase.name,
              phase.done,
              phase.doing,
              phase.todo,
            ])}
          />
        </ChartFrame>
        <Owasp
          id="chart-owasp"
          title="OWASP Top 10 (2021)"
          rows={data.owaspTop10}
        />
        <Owasp
          id="chart-owasp-api"
          title="OWASP API Security Top 10 (2023)"
          rows={data.owaspApiTop10}
        />
      </div>
    </section>
  )
}
