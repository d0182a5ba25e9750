import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportReport, type ExportFormat } from '~/models/report-export.server'
import { handleApi, requireApi, requireApiAssessment } from '~/utils/api.server'
import { logSecurityEvent, requestLog } from '~/utils/logger.server'
import { getDb } from '#db/client.server'
import { downloadResponse } from './download.server'

/** GET /api/v1/assessments/{assessment}/report.{format}, recorded like a page download. */
export function apiReportLoader(format: ExportFormat) {
  return ({ request, params, context }: LoaderFunctionArgs) =>
    handleApi(async () => {
      const caller = await requireApi(
        request,
        context,
        'reports:read',
        'export:report',
      )
      const assessment = requireApiAssessment(caller, params.assessment)

      const file = await exportReport(getDb(), assessment.id, format, {
        userId: caller.user.id,
        label: caller.user.email,
        ipAddress: context.clientIp,
        requestId: context.requestId,
        via: 'api',
      })
      logSecurityEvent(
        'report_exported',
        'success',
        requestLog(request, context, caller.user.id),
        { format, tokenId: caller.tokenId, fileSha256: file.fileSha256 },
      )

      return downloadResponse(file)
    })
}
