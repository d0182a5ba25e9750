import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { addComment } from '~/models/finding-activity.server'
import { getFinding } from '~/models/finding.server'
import {
  ApiError,
  apiJson,
  handleApi,
  readJsonBody,
  requireApi,
  requireApiAssessment,
} from '~/utils/api.server'
import { getDb } from '#db/client.server'

const CommentBody = z.object({ body: z.string().trim().min(1).max(20_000) })

/** POST /api/v1/assessments/{assessment}/findings/{finding}/comments */
export function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    const caller = await requireApi(
      request,
      context,
      'findings:write',
      'comment:finding',
    )
    const assessment = requireApiAssessment(caller, params.assessment)

    const body = await readJsonBody(request, CommentBody)

    const db = getDb()
    const row = getFinding(db, assessment.id, params.finding ?? '')
    if (!row || row.finding.archivedAt)
      throw new ApiError(404, 'not_found', 'There is no such finding.')
    const comment = addComment(db, caller.user, row.finding, body.body, {
      ipAddress: context.clientIp,
      requestId: context.requestId,
    })

    return apiJson(
      { comment: { id: comment.id, createdAt: comment.createdAt } },
      { status: 201 },
    )
  })
}
