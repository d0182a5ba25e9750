import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { IMPORT_FORMATS, MAX_IMPORT_BYTES } from '~/domain/import/types'
import { applyImport, previewImport } from '~/models/import.server'
import {
  ApiError,
  apiJson,
  handleApi,
  readJsonBody,
  requireApi,
  requireApiAssessment,
} from '~/utils/api.server'
import { logSecurityEvent, requestLog } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

const ImportBody = z.object({
  format: z.enum(IMPORT_FORMATS),
  content: z.string().min(1, 'The content is empty.'),
  dryRun: z.boolean().default(false),
})

/**
 * POST /api/v1/assessments/{assessment}/import: `{format, content, dryRun}`.
 * A dry run answers the preview; otherwise the import is applied in one
 * transaction and the same summary is answered.
 */
export function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    const caller = await requireApi(
      request,
      context,
      'reports:write',
      'import:findings',
    )
    const assessment = requireApiAssessment(caller, params.assessment)
    const length = Number(request.headers.get('Content-Length') ?? 0)
    if (length > MAX_IMPORT_BYTES * 1.5)
      throw new ApiError(413, 'too_large', 'The body is larger than 20 MB.')

    const body = await readJsonBody(request, ImportBody)

    const db = getDb()
    const result = body.dryRun
      ? previewImport(db, assessment.id, body.format, body.content)
      : applyImport(
          db,
          { assessmentId: assessment.id },
          body.format,
          body.content,
          {
            actor: caller.user,
            ipAddress: context.clientIp,
            requestId: context.requestId,
          },
        )
    if (!result.ok) throw new ApiError(422, 'import_refused', result.message)
    if (!body.dryRun)
      logSecurityEvent(
        'findings_imported',
        'success',
        requestLog(request, context, caller.user.id),
        { format: body.format, tokenId: caller.tokenId },
      )

    const { plan } = result
    return apiJson({
      dryRun: body.dryRun,
      created: plan.create.map((finding) => ({
        reference: finding.reference,
        title: finding.title,
        severity: finding.severity,
        severityReason: finding.severityReason,
      })),
      updated: plan.update.map((update) => ({
        reference: update.reference,
        changes: update.changes,
      })),
      skipped: plan.skip,
      errors: plan.errors,
    })
  })
}
