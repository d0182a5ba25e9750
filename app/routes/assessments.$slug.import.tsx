import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass } from '~/components/field'
import { MAX_IMPORT_BYTES } from '~/domain/import/types'
import { applyImport, previewImport } from '~/models/import.server'
import {
  stashPendingImport,
  takePendingImport,
} from '~/models/import-pending.server'
import { chooseImportFormat } from '~/models/import-upload.server'
import { FormatSelect, ImportPreview } from '~/reports/import-preview'
import { fileText, readUploadForm } from '~/reports/upload.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { logSecurityEvent, requestLog } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [
  { title: 'Import findings · Clearance' },
]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  requireAssessment(request, params.slug, 'import:findings', context)
  return null
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session, assessment } = requireAssessment(
    request,
    params.slug,
    'import:findings',
    context,
  )
  const scope = `assessment:${assessment.id}`
  const isUpload = (request.headers.get('Content-Type') ?? '').startsWith(
    'multipart/form-data',
  )
  const db = getDb()

  if (!isUpload) {
    const form = await readForm(request, session)
    const pending = takePendingImport(
      String(form.get('pendingId') ?? ''),
      user.id,
      scope,
    )
    if (!pending)
      return data(
        {
          error: 'This preview has expired. Upload the file again.',
          preview: null,
          done: null,
        },
        { status: 410 },
      )
    const result = applyImport(
      db,
      { assessmentId: assessment.id },
      pending.format,
      pending.content,
      {
        actor: user,
        ipAddress: context.clientIp,
        requestId: context.requestId,
      },
    )
    logSecurityEvent(
      'findings_imported',
      result.ok ? 'success' : 'failure',
      requestLog(request, context, user.id),
      result.ok
        ? {
            format: pending.format,
            created: result.plan.create.length,
            updated: result.plan.update.length,
          }
        : { format: pending.format },
    )
    if (!result.ok)
      return data(
        { error: result.message, preview: null, done: null },
        { status: 400 },
      )
    return {
      error: null,
      preview: null,
      done: {
        created: result.plan.create.length,
        updated: result.plan.update.length,
        skipped: result.plan.skip.length,
      },
    }
  }

  const form = await readUploadForm(request, session, MAX_IMPORT_BYTES)
  if (!form)
    return data(
      {
        error: 'The file is larger than 20 MB, the most one import takes.',
        preview: null,
        done: null,
      },
      { status: 413 },
    )
  const file = await fileText(form, 'file')
  if (!file)
    return data(
      { error: 'Choose a file to import.', preview: null, done: null },
      { status: 400 },
    )
  const format = chooseImportFormat(form.get('format'), file.name)
  if (!format)
    return data(
      {
        error:
          'Choose the format: the file name does not tell (.sarif, .csv or .json).',
        preview: null,
        done: null,
      },
      { status: 400 },
    )

  const preview = previewImport(db, assessment.id, format, file.text)
  if (!preview.ok)
    return data(
      { error: preview.message, preview: null, done: null },
      { status: 400 },
    )

  const pendingId = stashPendingImport({
    userId: user.id,
    scope,
    format,
    content: file.text,
  })
  return { error: null, preview: { plan: preview.plan, pendingId }, done: null }
}

export default function ImportPage() {
  const result = useActionData<typeof action>()
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">Import findings</h2>
      <p className="text-sm text-slate-700">
        SARIF 2.1.0 from CodeQL, Semgrep or Trivy; CSV or JSON in the columns of
        the Clearance export. Up to 20 MB and 20,000 results. Findings already
        here are matched (SARIF by fingerprint, CSV and JSON by reference) and
        updated, never duplicated.
      </p>
      <Form
        method="post"
        encType="multipart/form-data"
        className="grid grid-cols-1 gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-3"
      >
        <CsrfInput />
        <div className="flex flex-col gap-1">
          <label htmlFor="file" className="text-sm font-medium">
            File
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".sarif,.json,.csv,application/json,text/csv"
            aria-invalid={result?.error ? true : undefined}
            aria-describedby={result?.error ? 'import-error' : undefined}
            className="text-sm"
          />
        </div>
        <FormatSelect />
        <div className="self-end">
          <button type="submit" className={buttonClass}>
            Preview import
          </button>
        </div>
      </Form>
      {result?.error ? (
        <p
          id="import-error"
          role="alert"
          className="rounded bg-rose-50 p-3 text-sm text-rose-900"
        >
          {result.error}
        </p>
      ) : null}
      {result?.done ? (
        <p
          role="status"
          className="rounded bg-emerald-50 p-3 text-sm text-emerald-900"
        >
          Imported: {result.done.created} created, {result.done.updated}{' '}
          updated, {result.done.skipped} skipped.{' '}
          <Link to="../findings" relative="path" className="underline">
            See the findings
          </Link>
        </p>
      ) : null}
      {result?.preview ? (
        <ImportPreview
          plan={result.preview.plan}
          pendingId={result.preview.pendingId}
        />
      ) : null}
    </div>
  )
}
