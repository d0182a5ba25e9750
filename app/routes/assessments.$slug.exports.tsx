import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { startPdfJob } from '~/models/report-jobs.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { fail } from '~/utils/http.server'
import { logSecurityEvent, requestLog } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

/** A GET here has nothing to show: the downloads are on the reports page. */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assessment } = requireAssessment(
    request,
    params.slug,
    'export:report',
    context,
  )
  return redirect(`/assessments/${assessment.slug}/reports`)
}

/**
 * POST /assessments/:slug/exports: starts a sign-off PDF in the background
 * and sends the person to its progress page.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session, assessment } = requireAssessment(
    request,
    params.slug,
    'export:report',
    context,
  )
  await readForm(request, session)

  const started = startPdfJob(getDb(), assessment.id, {
    userId: user.id,
    label: user.email,
    ipAddress: context.clientIp,
    requestId: context.requestId,
    via: 'page',
  })
  if (!started.ok)
    fail(
      503,
      'The report renderer is busy with other exports. Try again in a minute.',
    )
  logSecurityEvent(
    'report_export_started',
    'success',
    requestLog(request, context, user.id),
    { format: 'pdf', jobId: started.job.id },
  )

  return redirect(`/assessments/${assessment.slug}/exports/${started.job.id}`)
}
