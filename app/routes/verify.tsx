import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass } from '~/components/field'
import { verifyReport, type Verification } from '~/models/report-export.server'
import { requireUser } from '~/utils/auth.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'
import { readUploadForm } from '~/reports/upload.server'

export const meta: MetaFunction = () => [
  { title: 'Verify a report · Clearance' },
]

export function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context)
  return null
}

const MAX_VERIFY_BYTES = 50 * 1024 * 1024

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requireUser(request, context)
  const form = await readUploadForm(request, session, MAX_VERIFY_BYTES)
  if (!form)
    return data(
      {
        error: 'The file is larger than 50 MB: no report of ours is.',
        result: null,
      },
      { status: 413 },
    )

  const digest = String(form.get('digest') ?? '').trim()
  const file = form.get('file')
  const bytes =
    file instanceof File && file.size > 0
      ? new Uint8Array(await file.arrayBuffer())
      : null
  if (!bytes && !/^[0-9a-fA-F]{64}$/.test(digest))
    return data(
      {
        error: 'Choose a file, or paste a SHA-256 digest (64 hex characters).',
        result: null,
      },
      { status: 400 },
    )

  const result = verifyReport(getDb(), bytes ? { bytes } : { digest })
  logSecurityEvent(
    'report_verified',
    'info',
    {
      requestId: context.requestId,
      clientIp: context.clientIp,
      route: '/verify',
      userId: user.id,
    },
    { match: result.match, changedSince: result.changedSince },
  )

  return { error: null, result }
}

function Answer({ result }: { result: Verification }) {
  const first = result.exports[0]
  if (result.match === 'none' || !first)
    return (
      <p role="status" className="rounded bg-rose-50 p-3 text-rose-900">
        Not recognised: Clearance has no record of exporting this file or
        digest.
      </p>
    )
  return (
    <div role="status" className="space-y-2 rounded bg-white p-3">
      <p
        className={`font-medium ${result.match === 'file' ? 'text-emerald-900' : 'text-amber-900'}`}
      >
        {result.match === 'file'
          ? 'Produced by Clearance: these exact bytes were exported.'
          : 'Clearance exported a report with this content digest. If you checked a file, its bytes differ from every recorded export: it may have been altered.'}
      </p>
      <p>
        {first.assessmentName} ({first.assessmentSlug}),{' '}
        {first.format.toUpperCase()} exported by{' '}
        {first.exportedBy ?? 'an auditor link'} on{' '}
        {first.exportedAt.slice(0, 16).replace('T', ' ')} UTC.
      </p>
      <p
        className={result.changedSince ? 'text-amber-900' : 'text-emerald-900'}
      >
        {result.changedSince
          ? 'The assessment has changed since this export.'
          : 'The assessment has not changed since this export.'}
      </p>
      <p className="break-all font-mono text-xs text-slate-600">
        Content digest {first.contentDigest}
      </p>
    </div>
  )
}

export default function VerifyPage() {
  const answer = useActionData<typeof action>()
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Verify a report</h1>
      <p className="text-sm text-slate-700">
        Upload a PDF, CSV or JSON file exported from Clearance, or paste its
        SHA-256 or the content digest printed in it.
      </p>
      <Form
        method="post"
        encType="multipart/form-data"
        className="space-y-3 rounded border border-slate-200 bg-white p-4"
      >
        <CsrfInput />
        <div className="flex flex-col gap-1">
          <label htmlFor="file" className="text-sm font-medium">
            Report file
          </label>
          <input id="file" name="file" type="file" className="text-sm" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="digest" className="text-sm font-medium">
            Or a digest
          </label>
          <input
            id="digest"
            name="digest"
            className="rounded border border-slate-400 px-3 py-2 font-mono text-sm"
            aria-invalid={answer?.error ? true : undefined}
            aria-describedby={answer?.error ? 'verify-error' : undefined}
          />
          {answer?.error ? (
            <p id="verify-error" className="text-sm text-red-800">
              {answer.error}
            </p>
          ) : null}
        </div>
        <button type="submit" className={buttonClass}>
          Verify
        </button>
      </Form>
      {answer?.result ? <Answer result={answer.result} /> : null}
    </div>
  )
}
