import type { LoaderFunctionArgs } from '@remix-run/node'
import { listAssessmentSummaries } from '~/models/assessment.server'
import { apiJson, handleApi, requireApi } from '~/utils/api.server'
import { getDb } from '#db/client.server'

/** GET /api/v1/assessments: the assessments the token's owner may see. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const caller = await requireApi(
      request,
      context,
      'assessments:read',
      'read:assessment',
    )

    const assessments = listAssessmentSummaries(getDb(), caller.user)

    return apiJson({ assessments })
  })
}
