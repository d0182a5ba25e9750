import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import type { PdfJob } from '~/models/report-jobs.server'
import { requirePdfJob } from '~/utils/pdf-job-access.server'

export const meta: MetaFunction = () => [
  { title: 'Preparing the sign-off report · Clearance' },
]

/** How often the page asks again while the export runs. */
const POLL_MS = 1500

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assessment, job } = requirePdfJob(request, params, context)

  const now = Date.now()
  return {
    slug: assessment.slug,
    id: job.id,
    status: job.status,
    findings: job.findings,
    auditEntries: job.auditEntries,
    queuedBehind: job.queuedBehind,
    estimateMs: job.estimateMs,
    elapsedMs: job.startedAt ? (job.finishedAt ?? now) - job.startedAt : 0,
    fileName: job.file?.fileName ?? null,
    fileSha256: job.file?.fileSha256 ?? null,
    contentDigest: job.file?.contentDigest ?? null,
    error: job.error,
  }
}

const linkClass = 'text-sky-800 underline underline-offset-2'

function seconds(ms: number) {
  return `${Math.max(1, Math.round(ms / 1000))} s`
}

function describe(job: {
  status: PdfJob['status']
  findings: number
  auditEntries: number
  queuedBehind: number
  estimateMs: number
  elapsedMs: number
}) {
  const size = `${job.findings.toLocaleString('en')} finding${job.findings === 1 ? '' : 's'} and ${job.auditEntries.toLocaleString('en')} audit entr${job.auditEntries === 1 ? 'y' : 'ies'}`
  switch (job.status) {
    case 'queued':
      return job.queuedBehind > 0
        ? `Waiting: ${job.queuedBehind} other export${job.queuedBehind === 1 ? ' is' : 's are'} ahead of this one.`
        : 'Collecting the report’s data…'
    case 'rendering':
      return `Laying out ${size}: ${seconds(job.elapsedMs)} so far, about ${seconds(job.estimateMs)} expected.`
    case 'recording':
      return 'Recording the file’s digest…'
    case 'done':
      return `Ready after ${seconds(job.elapsedMs)}.`
    case 'failed':
      return 'The export failed.'
  }
}

/** The progress of a background PDF export, and its download when done. */
export default function PdfExportProgress() {
  const job = useLoaderData<typeof loader>()
  const revalidator = useRevalidator()
  const finished = job.status === 'done' || job.status === 'failed'

  useEffect(() => {
    if (finished) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [finished, revalidator])

  // The estimate never reaches the end by itself: the bar fills only when
  // the file is really there.
  const fraction = finished
    ? 1
    : job.status === 'rendering'
      ? Math.min(0.95, job.elapsedMs / Math.max(job.estimateMs, 1))
      : 0.02
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">Sign-off report (PDF)</h2>
      <section className="rounded border border-slate-200 bg-white p-4">
        <label htmlFor="export-progress" className="text-sm font-medium">
          Export progress
        </label>
        <progress
          id="export-progress"
          className="mt-1 block h-3 w-full max-w-xl"
          max={100}
          value={Math.round(fraction * 100)}
        />
        <p role="status" className="mt-2 text-sm text-slate-800">
          {describe(job)}
        </p>
        {job.status === 'failed' ? (
          <p role="alert" className="mt-2 text-sm text-rose-800">
            {job.error ?? 'Unknown error.'} Nothing was recorded;{' '}
            <Link to={`/assessments/${job.slug}/reports`} className={linkClass}>
              try again from the reports page
            </Link>
            .
          </p>
        ) : null}
        {job.status === 'done' && job.fileName ? (
          <div className="mt-3 space-y-1 text-sm">
            <p>
              <a
                href={`/assessments/${job.slug}/exports/${job.id}/file`}
                className={linkClass}
              >
                Download {job.fileName}
              </a>
            </p>
            <p className="break-all text-slate-700">
              File SHA-256 {job.fileSha256}; content digest {job.contentDigest}.
              Anyone can check it on the{' '}
              <Link to="/verify" className={linkClass}>
                verify page
              </Link>
              .
            </p>
          </div>
        ) : null}
        {!finished ? (
          <noscript>
            <p className="mt-2 text-sm">
              This page updates itself with JavaScript; without it,{' '}
              <a href={`/assessments/${job.slug}/exports/${job.id}`}>
                reload it
              </a>{' '}
              to see the progress.
            </p>
          </noscript>
        ) : null}
      </section>
      <p className="text-sm">
        <Link to={`/assessments/${job.slug}/reports`} className={linkClass}>
          Back to reports
        </Link>
      </p>
    </div>
  )
}
