import type { LoaderFunctionArgs } from '@remix-run/node'
import {
  listFindingEvidence,
  listFindingTimeline,
} from '~/models/finding-history.server'
import { expireRiskAcceptances } from '~/models/finding-expiry.server'
import { getFinding } from '~/models/finding.server'
import {
  ApiError,
  apiJson,
  handleApi,
  requireApi,
  requireApiAssessment,
} from '~/utils/api.server'
import { getDb } from '#db/client.server'

/**
 * GET /api/v1/assessments/{assessment}/findings/{finding}: one finding, by
 * id or reference, with its history (status changes, edits, comments) and
 * evidence. `version` is what a status change must send back.
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

    const db = getDb()
    expireRiskAcceptances(db, new Date(), assessment.id)
    const row = getFinding(db, assessment.id, params.finding ?? '')
    if (!row) throw new ApiError(404, 'not_found', 'There is no such finding.')

    const { finding } = row
    return apiJson({
      assessment: { id: assessment.id, slug: assessment.slug },
      finding: {
        ...finding,
        assigneeName: row.assigneeName,
      },
      history: listFindingTimeline(db, finding.id).map((entry) => ({
        at: entry.at,
        actor: entry.actorName,
        kind: entry.kind,
        fromStatus: entry.fromStatus,
        toStatus: entry.toStatus,
        note: entry.note,
        changes: entry.changes,
      })),
      evidence: listFindingEvidence(db, finding.id),
    })
  })
}
