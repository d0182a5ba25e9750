import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { AssessmentListFrame } from '~/components/assessment-list-controls'
import { parseAssessmentListQuery } from '~/domain/assessment-list-query'
import { describeForecast } from '~/domain/forecast'
import { listPortfolio } from '~/models/portfolio.server'
import { requirePermission } from '~/utils/auth.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'Dashboard · Clearance' }]

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requirePermission(request, 'read:assessment', context)

  const { query, problems } = parseAssessmentListQuery(
    new URL(request.url).searchParams,
  )

  const portfolio = listPortfolio(getDb(), user, query)

  return {
    matching: portfolio.matching,
    page: portfolio.page,
    pages: portfolio.pages,
    totals: portfolio.totals,
    query: { ...query, page: portfolio.page },
    problems,
    assessments: portfolio.rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      targetService: row.targetService,
      ready: row.ready,
      failingGates: row.failingGates,
      open: row.open,
      total: row.total,
      openCritical: row.openCritical,
      openBlockers: row.openBlockers,
      deadline: row.window.deadline,
      forecast: describeForecast(row.forecast, row.window),
      late:
        row.forecast.kind === 'projected' && row.forecast.standing === 'late',
    })),
  }
}

export default function Portfolio() {
  const list = useLoaderData<typeof loader>()
  const { assessments } = list
  return (
    <div>
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="mt-1 text-slate-700">
        May each service go to production, and when will it be ready?
      </p>
      <AssessmentListFrame list={list} shown={assessments.length}>
        <div className="mt-4 overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">
              Verdict, forecast and open critical findings per assessment
            </caption>
            <thead className="bg-slate-100 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Assessment
                </th>
                <th scope="col" className="px-3 py-2">
                  Verdict
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Open critical
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Open
                </th>
                <th scope="col" className="px-3 py-2">
                  Forecast
                </th>
              </tr>
            </thead>
            <tbody>
              {assessments.map((row) => (
                <tr
                  key={row.id}
                  className="border-t border-slate-200 align-top"
                >
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <Link
                      to={`/assessments/${row.slug}/dashboard`}
                      className="font-medium text-sky-800 hover:underline"
                    >
                      {row.name}
                    </Link>
                    <span className="block text-xs text-slate-600">
                      {row.targetService}
                    </span>
                  </th>
                  <td className="px-3 py-2">
                    {row.ready ? (
                      <span className="font-semibold text-emerald-800">
                        Ready
                      </span>
                    ) : (
                      <>
                        <span className="font-semibold text-rose-800">
                          Not ready
                        </span>
                        <span className="block text-xs text-slate-700">
                          {row.failingGates.length} failing gate
                          {row.failingGates.length === 1 ? '' : 's'}
                          {row.openBlockers > 0
                            ? `, ${row.openBlockers} open blocker${row.openBlockers === 1 ? '' : 's'}`
                            : ''}
                        </span>
                      </>
                    )}
                  </td>
                  <td
                    className={`px-3 py-2 text-right font-semibold tabular-nums ${row.openCritical > 0 ? 'text-rose-800' : ''}`}
                  >
                    {row.openCritical}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {row.open}/{row.total}
                  </td>
                  <td className="px-3 py-2">
                    <span className={row.late ? 'text-rose-800' : ''}>
                      {row.forecast}
                    </span>
                    <span className="block text-xs text-slate-600">
                      Deadline {row.deadline}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </AssessmentListFrame>
    </div>
  )
}
