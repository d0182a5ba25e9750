import { useFetcher } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import type { IntentOutcome } from '~/models/finding-intents.server'
import {
  FormField,
  IntentForm,
  inputClass,
  smallButtonClass,
} from './intent-form'

export interface EvidenceRow {
  id: number
  kind: string
  value: string
  fileName: string | null
  sizeBytes: number | null
  createdAt: string
  addedByName: string
}

const KIND_LABELS: Record<string, string> = {
  commit: 'Commit',
  pull_request: 'Pull request',
  release: 'Release',
  note: 'Note',
  link: 'Link',
  file: 'File',
  retest: 'Retest',
}

function EvidenceValue({ row, slug }: { row: EvidenceRow; slug: string }) {
  if (row.kind === 'file')
    return (
      <a
        href={`/assessments/${slug}/evidence/${row.id}`}
        className="text-sky-800 underline"
      >
        {row.fileName ?? 'file'} ({Math.ceil((row.sizeBytes ?? 0) / 1024)} KB)
      </a>
    )
  if (/^https?:\/\//.test(row.value))
    return (
      <a
        href={row.value}
        rel="noreferrer noopener"
        target="_blank"
        className="break-all text-sky-800 underline"
      >
        {row.value}
      </a>
    )
  return <span className="whitespace-pre-line">{row.value}</span>
}

/** Upload through a fetcher: it posts to the upload route, which allows larger bodies. */
function UploadForm({ action }: { action: string }) {
  const fetcher = useFetcher<IntentOutcome>()
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null
  return (
    <fetcher.Form
      method="post"
      action={action}
      encType="multipart/form-data"
      aria-label="Upload evidence file"
      className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3"
    >
      <CsrfInput />
      <input type="hidden" name="intent" value="upload-evidence" />
      <label
        htmlFor="evidence-file"
        className="text-sm font-medium text-slate-800"
      >
        File (PNG, JPEG, PDF, text or JSON; 10 MB at most)
      </label>
      <input
        id="evidence-file"
        name="file"
        type="file"
        accept=".png,.jpg,.jpeg,.pdf,.txt,.log,.json"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'evidence-file-error' : undefined}
        className={inputClass}
      />
      {error ? (
        <p
          id="evidence-file-error"
          role="alert"
          className="text-sm text-red-800"
        >
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        className={smallButtonClass}
        disabled={fetcher.state !== 'idle'}
      >
        Upload file
      </button>
    </fetcher.Form>
  )
}

export function EvidenceList({
  rows,
  slug,
  reference,
  version,
  canAdd,
}: {
  rows: EvidenceRow[]
  slug: string
  reference: string
  version: number
  canAdd: boolean
}) {
  return (
    <section
      aria-labelledby="evidence-heading"
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h3 id="evidence-heading" className="text-lg font-semibold">
        Evidence
      </h3>
      {rows.length === 0 ? (
        <p className="text-slate-700">No evidence yet.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {rows.map((row) => (
            <li key={row.id}>
              <span className="font-medium">{KIND_LABELS[row.kind]}:</span>{' '}
              <EvidenceValue row={row} slug={slug} />{' '}
              <span className="text-slate-600">
                by {row.addedByName}, {row.createdAt.slice(0, 10)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canAdd ? (
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          <IntentForm
            intent="add-evidence"
            version={version}
            label="Add evidence link"
            submitLabel="Add link"
          >
            <FormField
              intent="add-evidence"
              name="url"
              label="Link"
              type="url"
              required
            />
          </IntentForm>
          <UploadForm
            action={`/assessments/${slug}/findings/${reference}/evidence`}
          />
        </div>
      ) : null}
    </section>
  )
}
