import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import {
  ComplianceTable,
  ScorecardTable,
} from '~/components/dashboard/compliance-tables'
import { buildCompliance, buildScorecard } from '~/domain/compliance'
import {
  OWASP_API_TOP10_2023,
  OWASP_TOP10_2021,
  PRACTICES,
} from '~/domain/owasp'
import { countFindingsByCategory } from '~/models/dashboard.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Compliance · ${data?.name ?? 'Assessment'} · Clearance` },
]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assessment } = requireAssessment(
    request,
    params.slug,
    'read:assessment',
    context,
  )

  const db = getDb()
  const count = (column: 'owaspTop10' | 'owaspApiTop10' | 'practice') =>
    countFindingsByCategory(db, assessment.id, column)

  return {
    slug: assessment.slug,
    name: assessment.name,
    top10: buildCompliance(OWASP_TOP10_2021, count('owaspTop10')),
    apiTop10: buildCompliance(OWASP_API_TOP10_2023, count('owaspApiTop10')),
    scorecard: buildScorecard(PRACTICES, count('practice')),
  }
}

export default function Compliance() {
  const data = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-semibold">OWASP compliance</h2>
        <Link
          to={`/assessments/${data.slug}/dashboard`}
          className="text-sm text-sky-800 underline"
        >
          Back to the dashboard
        </Link>
      </div>
      <p className="max-w-3xl text-sm text-slate-700">
        A category is <strong>compliant</strong> when it has no finding or every
        finding in it is closed (verified, a false positive, or an accepted risk
        that has not expired); <strong>partly compliant</strong> when some of
        its findings are closed; <strong>not compliant</strong> when none is.
      </p>
      <ComplianceTable
        id="top10"
        title="OWASP Top 10 (2021)"
        rows={data.top10}
        slug={data.slug}
      />
      <ComplianceTable
        id="api-top10"
        title="OWASP API Security Top 10 (2023)"
        rows={data.apiTop10}
        slug={data.slug}
      />
      <ScorecardTable scorecard={data.scorecard} />
    </div>
  )
}
