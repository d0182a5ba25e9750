import type { AppLoadContext } from '@remix-run/node'
import { findPdfJob } from '~/models/report-jobs.server'
import { requireAssessment } from './assessment-access.server'
import { fail } from './http.server'

/**
 * The background PDF export named in the URL, for its owner only: anyone
 * else, and any other assessment's URL, gets the same 404 as a job that
 * never existed or has expired.
 */
export function requirePdfJob(
  request: Request,
  params: { slug?: string; job?: string },
  context: AppLoadContext,
) {
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
  return { user, assessment, job }
}
