import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { FormFieldPlain } from '~/components/finding/plain-field'
import { inputClass, smallButtonClass } from '~/components/finding/intent-form'
import { isFormDay } from '~/domain/dates'
import { SEVERITIES, SEVERITY_LABELS } from '~/domain/severity'
import { createFinding } from '~/models/finding-create.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'New finding · Clearance' }]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  requireAssessment(request, params.slug, 'create:finding', context)

  return null
}

const optional = z
  .string()
  .trim()
  .transform((value) => value || undefined)

const NewFindingForm = z.object({
  title: z.string().trim().min(3, 'Give a title').max(300),
  severity: z.enum(SEVERITIES, 'Choose a severity'),
  reference: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{1,10}-\d{1,6}$/, 'Use a reference such as P2-020')
      .optional(),
  ),
  description: z.string().trim().max(50_000),
  remediation: z.string().trim().max(50_000),
  affected: z
    .string()
    .max(10_000)
    .transform((value) =>
      value
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  cvssVector: optional,
  dueOn: optional.refine(
    (value) => value === undefined || isFormDay(value),
    'Give a date from 2000 to 2099',
  ),
})

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session, assessment } = requireAssessment(
    request,
    params.slug,
    'create:finding',
    context,
  )

  const form = await readForm(request, session)
  const values = Object.fromEntries(
    [...form.entries()].filter(([key]) => key !== 'csrf'),
  ) as Record<string, string>
  const parsed = NewFindingForm.safeParse(values)
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {}
    for (const issue of parsed.error.issues)
      fieldErrors[String(issue.path[0])] ??= issue.message
    return json({ fieldErrors, values }, { status: 400 })
  }

  const result = createFinding(getDb(), user, assessment, parsed.data, {
    ipAddress: context.clientIp,
    requestId: context.requestId,
  })

  if (result.ok)
    return redirect(
      `/assessments/${assessment.slug}/findings/${result.finding.reference}`,
    )
  return json(
    {
      fieldErrors: result.kind === 'refused' ? (result.fieldErrors ?? {}) : {},
      values,
    },
    { status: 400 },
  )
}

export default function NewFinding() {
  const data = useActionData<typeof action>()
  const field = (name: string) => ({
    name,
    error: data?.fieldErrors[name],
    defaultValue: data?.values[name] ?? '',
  })
  return (
    <Form
      method="post"
      aria-labelledby="new-finding"
      className="max-w-3xl space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h2 id="new-finding" className="text-lg font-semibold">
        New finding
      </h2>
      <CsrfInput />
      <FormFieldPlain label="Title" required {...field('title')} />
      <div className="flex flex-col gap-1">
        <label htmlFor="severity" className="text-sm font-medium">
          Severity
        </label>
        <select
          id="severity"
          name="severity"
          defaultValue={data?.values.severity ?? 'medium'}
          className={inputClass}
        >
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABELS[severity]}
            </option>
          ))}
        </select>
      </div>
      <FormFieldPlain
        label="Reference"
        hint="Leave empty for the next number."
        {...field('reference')}
      />
      <FormFieldPlain label="CVSS vector" {...field('cvssVector')} />
      <FormFieldPlain label="Description" multiline {...field('description')} />
      <FormFieldPlain label="Remediation" multiline {...field('remediation')} />
      <FormFieldPlain
        label="Affected components"
        hint="One per line."
        multiline
        {...field('affected')}
      />
      <FormFieldPlain
        label="Due date"
        type="date"
        hint="Leave empty for the severity's SLA."
        {...field('dueOn')}
      />
      <button type="submit" className={smallButtonClass}>
        Create finding
      </button>
    </Form>
  )
}
