import type { LoaderFunctionArgs } from '@remix-run/node'
import { contentDigest } from '~/domain/report-state'
import { loadReportState } from '~/models/report.server'
import { getSignOffStatus } from '~/models/sign-off.server'
import {
  apiJson,
  handleApi,
  requireApi,
  requireApiAssessment,
} from '~/utils/api.server'
import { getDb } from '#db/client.server'

/** GET /api/v1/assessments/{assessment}/sign-off: policy, signatures, verdict. */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const caller = await requireApi(
      request,
      context,
      'reports:read',
      'read:assessment',
    )
    const assessment = requireApiAssessment(caller, params.assessment)

    const db = getDb()
    const state = loadReportState(db, assessment.id)

    return apiJson({
      assessment: { id: assessment.id, slug: assessment.slug },
      verdict: state.verdict,
      contentDigest: contentDigest(state),
      ...getSignOffStatus(db, assessment.id),
    })
  })
}
