import type { LoaderFunctionArgs } from '@remix-run/node'
import { parseFindingFilters } from '~/domain/finding-filters'
import { expireRiskAcceptances } from '~/models/finding-expiry.server'
import { listFindings } from '~/models/finding.server'
import {
  ApiError,
  apiJson,
  handleApi,
  requireApi,
  requireApiAssessment,
} from '~/utils/api.server'
import { getDb } from '#db/client.server'

/**
 * GET /api/v1/assessments/{slug or id}/findings: the findings list with the
 * same filters, sort and pages as the findings page.
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const caller = await requireApi(
      request,
      context,
      'findings:read',
      'read:finding',
    )
    const assessment = requireApiAssessment(caller, params.assessment)

    const parsed = parseFindingFilters(new URL(request.url).searchParams)
    if (!parsed.success)
      throw new ApiError(
        400,
        'invalid_filter',
        'Some filters are not valid.',
        parsed.error.issues.map((issue) => ({
          field: issue.path.join('.'),
          message: issue.message,
        })),
      )

    expireRiskAcceptances(getDb(), new Date(), assessment.id)
    const page = listFindings(
      getDb(),
      assessment.id,
      parsed.data,
      caller.user.id,
    )

    return apiJson({
      assessment: { id: assessment.id, slug: assessment.slug },
      ...page,
    })
  })
}
