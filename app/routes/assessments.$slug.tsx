import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, Outlet, useLoaderData } from '@remix-run/react'
import { AssessmentTabs } from '~/components/assessment-tabs'
import { requireAssessment } from '~/utils/assessment-access.server'

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assessment } = requireAssessment(
    request,
    params.slug,
    'read:assessment',
    context,
  )

  return {
    assessment: {
      id: assessment.id,
      slug: assessment.slug,
      name: assessment.name,
      targetService: assessment.targetService,
    },
  }
}

export default function AssessmentLayout() {
  const { assessment } = useLoaderData<typeof loader>()
  return (
    <div>
      <p className="text-sm">
        <Link to="/assessments" className="text-sky-800 underline">
          Assessments
        </Link>{' '}
        / {assessment.targetService}
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{assessment.name}</h1>
      <AssessmentTabs slug={assessment.slug} />
      <div className="mt-4">
        <Outlet />
      </div>
    </div>
  )
}
