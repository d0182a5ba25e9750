import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DashboardCharts } from '~/components/dashboard/charts'
import { Figures } from '~/components/dashboard/figures'
import { ForecastPanel } from '~/components/dashboard/forecast-panel'
import printStyles from '~/components/dashboard/print.css?url'
import { TopRisks } from '~/components/dashboard/top-risks'
import { Verdict } from '~/components/dashboard/verdict'
import { buildCompliance } from '~/domain/compliance'
import { daysBetween } from '~/domain/dates'
import { buildTimeline, describeForecast } from '~/domain/forecast'
import { OWASP_API_TOP10_2023, OWASP_TOP10_2021 } from '~/domain/owasp'
import { loadDashboard } from '~/models/dashboard.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { getDb } from '#db/client.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: printStyles },
]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Dashboard · ${data?.name ?? 'Assessment'} · Clearance` },
]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assessment } = requireAssessment(
    request,
    params.slug,
    'read:assessment',
    context,
  )

  const dashboard = loadDashboard(getDb(), assessment)
  const { window, today, points, forecast } = dashboard.timeline

  return {
    slug: assessment.slug,
    name: assessment.name,
    today,
    window,
    verdict: {
      ready: dashboard.readiness.ready,
      failing: dashboard.readiness.failing.map((gate) => gate.name),
      gateCount: dashboard.readiness.gates.filter((gate) => gate.enabled)
        .length,
      evaluatedAt: dashboard.readiness.evaluatedAt,
    },
    figures: dashboard.figures,
    bySeverity: dashboard.bySeverity,
    riskAcceptances: dashboard.riskAcceptances,
    topRisks: dashboard.topRisks,
    forecast,
    forecastSentence: describeForecast(forecast, window),
    charts: {
      timeline: buildTimeline(points, window, forecast, today),
      today,
      earlyMark: window.earlyMark,
      deadline: window.deadline,
      weeksMin: window.weeksMin,
      weeksMax: window.weeksMax,
      bySeverity: dashboard.bySeverity,
      phases: dashboard.phases,
      owaspTop10: buildCompliance(OWASP_TOP10_2021, dashboard.owaspTop10),
      owaspApiTop10: buildCompliance(
        OWASP_API_TOP10_2023,
        dashboard.owaspApiTop10,
      ),
      weights: assessment.severityWeights,
    },
  }
}

export default function AssessmentDashboard() {
  const data = useLoaderData<typeof loader>()
  const { window, today } = data
  return (
    <div className="dashboard">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2 print:hidden">
        <p className="text-sm text-slate-700">
          As of {data.verdict.evaluatedAt.slice(0, 16).replace('T', ' ')} UTC
        </p>
        <p className="flex gap-3 text-sm">
          <Link
            to={`/assessments/${data.slug}/compliance`}
            className="text-sky-800 underline"
          >
            OWASP compliance and scorecard
          </Link>
          <Link to="/dashboard" className="text-sky-800 underline">
            All assessments
          </Link>
        </p>
      </div>
      <Verdict {...data.verdict} />
      <div className="mt-3 grid grid-cols-1 gap-3 lg:grid-cols-3">
        <div className="min-w-0 space-y-3 lg:col-span-2">
          <Figures
            slug={data.slug}
            figures={data.figures}
            openBySeverity={data.bySeverity}
            riskAccepted={data.riskAcceptances}
            sprintDay={daysBetween(window.start, today)}
            toEarlyMark={daysBetween(today, window.earlyMark)}
            toDeadline={daysBetween(today, window.deadline)}
            earlyMark={window.earlyMark}
            deadline={window.deadline}
            weeksMin={window.weeksMin}
            weeksMax={window.weeksMax}
          />
          <ForecastPanel
            forecast={data.forecast}
            sentence={data.forecastSentence}
            window={window}
          />
        </div>
        <TopRisks
          slug={data.slug}
          risks={data.topRisks.rows}
          total={data.topRisks.total}
          today={today}
        />
      </div>
      <DashboardCharts data={data.charts} />
    </div>
  )
}
