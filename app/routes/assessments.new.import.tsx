import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass, Field } from '~/components/field'
import { isFormDay } from '~/domain/dates'
import { MAX_IMPORT_BYTES } from '~/domain/import/types'
import { can } from '~/domain/permissions'
import { applyImport, isSlugTaken, previewImport } from '~/models/import.server'
import {
  stashPendingImport,
  takePendingImport,
} from '~/models/import-pending.server'
import { chooseImportFormat } from '~/models/import-upload.server'
import { FormatSelect, ImportPreview } from '~/reports/import-preview'
import { fileText, readUploadForm } from '~/reports/upload.server'
import { requirePermission } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { fail } from '~/utils/http.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [
  { title: 'New assessment from an import · Clearance' },
]

function requireImporter(
  request: Request,
  context: LoaderFunctionArgs['context'],
) {
  const signedIn = requirePermission(request, 'create:assessment', context)
  if (!can(signedIn.user, 'import:findings'))
    fail(403, 'You do not have permission to do this.')
  return signedIn
}

export function loader({ request, context }: LoaderFunctionArgs) {
  requireImporter(request, context)
  return null
}

const AssessmentSchema = z.object({
  name: z
    .string()
    .trim()
    .min(3, 'Name the assessment (3 characters or more).')
    .max(200),
  slug: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
      'Lowercase letters, digits and dashes, such as phase-3-api.',
    ),
  targetService: z
    .string()
    .trim()
    .min(2, 'Name the service assessed.')
    .max(200),
  assessor: z.string().trim().min(2, 'Name the assessor.').max(200),
  assessedOn: z.string().refine(isFormDay, 'Choose the day of the assessment.'),
})

type Values = Record<string, string>
const fail400 = (
  body: {
    error?: string
    fieldErrors?: Record<string, string[] | undefined>
    values?: Values
  },
  status = 400,
) =>
  data(
    {
      error: body.error ?? null,
      fieldErrors: body.fieldErrors ?? null,
      values: body.values ?? null,
      preview: null,
    },
    { status },
  )

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requireImporter(request, context)
  const db = getDb()
  const isUpload = (request.headers.get('Content-Type') ?? '').startsWith(
    'multipart/form-data',
  )

  if (!isUpload) {
    const form = await readForm(request, session)
    const pending = takePendingImport(
      String(form.get('pendingId') ?? ''),
      user.id,
      'new',
    )
    if (!pending?.fields)
      return fail400(
        { error: 'This preview has expired. Fill in the form again.' },
        410,
      )
    if (isSlugTaken(db, pending.fields.slug))
      return fail400({
        error: `The address ${pending.fields.slug} was taken meanwhile. Choose another.`,
      })
    const result = applyImport(
      db,
      { create: pending.fields },
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
      {
        requestId: context.requestId,
        clientIp: context.clientIp,
        route: '/assessments/new/import',
        userId: user.id,
      },
      { format: pending.format, newAssessment: pending.fields.slug },
    )
    if (!result.ok) return fail400({ error: result.message })
    return redirect(`/assessments/${pending.fields.slug}/findings`)
  }

  const form = await readUploadForm(request, session, MAX_IMPORT_BYTES)
  if (!form)
    return fail400(
      { error: 'The file is larger than 20 MB, the most one import takes.' },
      413,
    )
  const values: Values = Object.fromEntries(
    ['name', 'slug', 'targetService', 'assessor', 'assessedOn'].map((key) => [
      key,
      String(form.get(key) ?? ''),
    ]),
  )
  const parsed = AssessmentSchema.safeParse(values)
  if (!parsed.success)
    return fail400({
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      values,
    })
  if (isSlugTaken(db, parsed.data.slug))
    return fail400({
      fieldErrors: { slug: ['Another assessment has this address.'] },
      values,
    })
  const file = await fileText(form, 'file')
  if (!file) return fail400({ error: 'Choose a file to import.', values })
  const format = chooseImportFormat(form.get('format'), file.name)
  if (!format)
    return fail400({
      error: 'Choose the format: the file name does not tell.',
      values,
    })

  const preview = previewImport(db, null, format, file.text)
  if (!preview.ok) return fail400({ error: preview.message, values })

  const pendingId = stashPendingImport({
    userId: user.id,
    scope: 'new',
    format,
    content: file.text,
    fields: parsed.data,
  })
  return {
    error: null,
    fieldErrors: null,
    values,
    preview: { plan: preview.plan, pendingId },
  }
}

export default function NewAssessmentImport() {
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  const values = result?.values ?? {}
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">New assessment from an import</h1>
      <Form
        method="post"
        encType="multipart/form-data"
        className="grid grid-cols-1 gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2"
      >
        <CsrfInput />
        <Field
          label="Name"
          name="name"
          required
          defaultValue={values.name}
          error={errors.name?.[0]}
        />
        <Field
          label="Address (slug)"
          name="slug"
          required
          defaultValue={values.slug}
          error={errors.slug?.[0]}
        />
        <Field
          label="Service assessed"
          name="targetService"
          required
          defaultValue={values.targetService}
          error={errors.targetService?.[0]}
        />
        <Field
          label="Assessor"
          name="assessor"
          required
          defaultValue={values.assessor}
          error={errors.assessor?.[0]}
        />
        <Field
          label="Assessed on"
          name="assessedOn"
          type="date"
          required
          defaultValue={values.assessedOn}
          error={errors.assessedOn?.[0]}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="file" className="text-sm font-medium">
            File
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".sarif,.json,.csv"
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
          role="alert"
          className="rounded bg-rose-50 p-3 text-sm text-rose-900"
        >
          {result.error}
        </p>
      ) : null}
      {result?.preview ? (
        <ImportPreview
          plan={result.preview.plan}
          pendingId={result.preview.pendingId}
          headingLevel={2}
        />
      ) : null}
    </div>
  )
}
