import type { LoaderFunctionArgs } from '@remix-run/node'
import { findPdfJob } from '~/models/report-jobs.server'
import { downloadResponse } from '~/reports/download.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { fail } from '~/utils/http.server'

/**
 * GET /assessments/:slug/exports/:job/file: the finished PDF of a
 * background export, for the person who asked for it only. The export was
 * recorded (digest, audit entry) when the file was made.
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, assessment } = requireAssessment(
    request,
    params.slug,
    'export:report',
    context,
  )

  const job = findPdfJob(params.job ?? '', {
    userId: user.id,
    assessmentId: assessment.id,
  })
  if (!job) fail(404, 'This export does not exist or has expired.')
  if (!job.file) fail(409, 'This export is not finished yet.')

  return downloadResponse(job.file)
}
