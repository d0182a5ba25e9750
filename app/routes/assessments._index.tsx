import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { AssessmentListFrame } from '~/components/assessment-list-controls'
import { parseAssessmentListQuery } from '~/domain/assessment-list-query'
import { listAssessmentPage } from '~/models/assessment-list.server'
import { requirePermission } from '~/utils/auth.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'Assessments · Clearance' }]

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requirePermission(request, 'read:assessment', context)

  const { query, problems } = parseAssessmentListQuery(
    new URL(request.url).searchParams,
  )

  const listed = listAssessmentPage(getDb(), user, query)

  return { ...listed, query: { ...query, page: listed.page }, problems }
}

export default function Assessments() {
  const list = useLoaderData<typeof loader>()
  const { rows } = list
  return (
    <div>
      <h1 className="text-2xl font-semibold">Assessments</h1>
      <AssessmentListFrame list={list} shown={rows.length}>
        <ul className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-2">
          {rows.map((assessment) => (
            <li
              key={assessment.id}
              className="rounded border border-slate-200 bg-white p-4 shadow-sm"
            >
              <h2 className="text-lg font-semibold">
                <Link
                  to={`/assessments/${assessment.slug}`}
                  className="text-sky-800 underline-offset-2 hover:underline"
                >
                  {assessment.name}
                </Link>
              </h2>
              <p className="text-sm text-slate-700">
                {assessment.targetService}
              </p>
              <dl className="mt-3 grid grid-cols-4 gap-2 text-center text-sm">
                <div>
                  <dt className="text-slate-600">Open</dt>
                  <dd className="text-lg font-semibold">
                    {assessment.open}/{assessment.total}
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">Critical</dt>
                  <dd className="text-lg font-semibold">
                    {assessment.openCritical}
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">High</dt>
                  <dd className="text-lg font-semibold">
                    {assessment.openHigh}
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">Blockers</dt>
                  <dd className="text-lg font-semibold">
                    {assessment.openBlockers}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      </AssessmentListFrame>
    </div>
  )
}
