import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { FINDING_STATUSES } from '~/domain/finding-status'
import { STATUS_PERMISSIONS } from '~/domain/finding-workflow'
import { can } from '~/domain/permissions'
import { expireRiskAcceptances } from '~/models/finding-expiry.server'
import { changeFindingStatus } from '~/models/finding-workflow.server'
import { getFinding } from '~/models/finding.server'
import {
  ApiError,
  apiJson,
  handleApi,
  readJsonBody,
  requireApi,
  requireApiAssessment,
} from '~/utils/api.server'
import { logPermissionDenied } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

const optionalText = (max: number) => z.string().trim().max(max).optional()

const StatusBody = z.object({
  status: z.enum(FINDING_STATUSES),
  version: z.number().int().positive(),
  note: optionalText(5000),
  evidence: z
    .object({
      commit: z
        .string()
        .trim()
        .regex(/^[0-9a-f]{7,40}$/i, 'Give a commit hash')
        .optional(),
      pullRequest: z
        .url({ protocol: /^https?$/ })
        .max(500)
        .optional(),
      release: optionalText(80),
      note: optionalText(5000),
    })
    .strict()
    .optional(),
})

/**
 * POST /api/v1/assessments/{assessment}/findings/{finding}/status: the
 * same transition table and two-person rules as the finding page. A stale
 * `version` answers 409 naming who changed the finding and how.
 */
export function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    const caller = await requireApi(
      request,
      context,
      'findings:write',
      'progress:finding',
    )
    const assessment = requireApiAssessment(caller, params.assessment)

    const body = await readJsonBody(request, StatusBody)
    if (!can(caller.user, STATUS_PERMISSIONS[body.status])) {
      // Logged as requireApi logs the endpoint's own permission.
      logPermissionDenied(request, context, caller.user.id, {
        permission: STATUS_PERMISSIONS[body.status],
        tokenId: caller.tokenId,
      })
      throw new ApiError(
        403,
        'forbidden',
        "The token's owner may not move findings to this status.",
      )
    }
    if (body.status === 'risk_accepted')
      throw new ApiError(
        422,
        'transition_refused',
        'Risk acceptance needs a request approved by a second security user on the finding page.',
      )

    const db = getDb()
    expireRiskAcceptances(db, new Date(), assessment.id)
    const row = getFinding(db, assessment.id, params.finding ?? '')
    if (!row) throw new ApiError(404, 'not_found', 'There is no such finding.')
    const result = changeFindingStatus(
      db,
      caller.user,
      row.finding.id,
      body.version,
      { to: body.status, note: body.note, evidence: body.evidence },
      { ipAddress: context.clientIp, requestId: context.requestId },
    )

    if (result.ok)
      return apiJson({
        finding: {
          id: result.finding.id,
          reference: result.finding.reference,
          status: result.finding.status,
          version: result.finding.version,
        },
      })
    if (result.kind === 'conflict')
      throw new ApiError(409, 'conflict', result.message, result.conflict)
    if (result.kind === 'not_found')
      throw new ApiError(404, 'not_found', result.message)
    throw new ApiError(
      422,
      'transition_refused',
      result.message,
      result.fieldErrors,
    )
  })
}
