import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { EXPORT_FORMATS, exportReport } from '~/models/report-export.server'
import { downloadResponse } from '~/reports/download.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { fail } from '~/utils/http.server'
import { logSecurityEvent, requestLog } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

/** GET /assessments/:slug/reports/pdf|csv|json: a recorded download. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, assessment } = requireAssessment(
    request,
    params.slug,
    'export:report',
    context,
  )

  const format = z.enum(EXPORT_FORMATS).safeParse(params.format)
  if (!format.success) fail(404, 'Reports come as pdf, csv or json.')

  const file = await exportReport(getDb(), assessment.id, format.data, {
    userId: user.id,
    label: user.email,
    ipAddress: context.clientIp,
    requestId: context.requestId,
    via: 'page',
  })
  logSecurityEvent(
    'report_exported',
    'success',
    requestLog(request, context, user.id),
    { format: format.data, fileSha256: file.fileSha256 },
  )

  return downloadResponse(file)
}
