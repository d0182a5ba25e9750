import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadResponse } from '~/reports/download.server'
import { fail } from '~/utils/http.server'
import { requirePdfJob } from '~/utils/pdf-job-access.server'

/**
 * GET /assessments/:slug/exports/:job/file: the finished PDF of a
 * background export, for the person who asked for it only. The export was
 * recorded (digest, audit entry) when the file was made.
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { job } = requirePdfJob(request, params, context)
  if (!job.file) fail(409, 'This export is not finished yet.')

  return downloadResponse(job.file)
}
