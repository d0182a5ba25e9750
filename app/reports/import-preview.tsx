import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass } from '~/components/field'
import type { ImportPlan } from '~/domain/import/plan'
import { SEVERITY_LABELS } from '~/domain/severity'

/** What an import would do, with the confirm button that carries only its id. */
export function ImportPreview({
  plan,
  pendingId,
  headingLevel = 3,
}: {
  plan: ImportPlan
  pendingId: string
  /** 3 under an assessment's tabs, 2 on a page of its own. */
  headingLevel?: 2 | 3
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const Subheading = headingLevel === 2 ? 'h3' : 'h4'
  const nothing = plan.create.length === 0 && plan.update.length === 0
  return (
    <section
      aria-labelledby="preview"
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <Heading id="preview" className="text-lg font-semibold">
        Preview
      </Heading>
      <p role="status" className="text-sm">
        {plan.create.length} to create, {plan.update.length} to update,{' '}
        {plan.skip.length} skipped, {plan.errors.length} row error
        {plan.errors.length === 1 ? '' : 's'}. Nothing is written until you
        confirm.
      </p>
      {plan.errors.length > 0 ? (
        <div>
          <Subheading className="font-medium text-red-800">
            Rows with errors
          </Subheading>
          <ul className="list-disc pl-5 text-sm text-red-800">
            {plan.errors.slice(0, 200).map((error, index) => (
              <li key={index}>
                {error.row}, field <code>{error.field}</code>: expected{' '}
                {error.expected}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.create.length + plan.update.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-sm">
            <caption className="sr-only">Findings to create or update</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-2 py-1 text-left">
                  Action
                </th>
                <th scope="col" className="px-2 py-1 text-left">
                  Reference
                </th>
                <th scope="col" className="px-2 py-1 text-left">
                  Title
                </th>
                <th scope="col" className="px-2 py-1 text-left">
                  Severity (how it was decided)
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.create.slice(0, 500).map((finding) => (
                <tr
                  key={finding.matchKey}
                  className="border-t border-slate-100"
                >
                  <td className="px-2 py-1">Create</td>
                  <td className="px-2 py-1 font-mono">{finding.reference}</td>
                  <td className="px-2 py-1">{finding.title}</td>
                  <td className="px-2 py-1">
                    {SEVERITY_LABELS[finding.severity]} (
                    {finding.severityReason})
                  </td>
                </tr>
              ))}
              {plan.update.slice(0, 500).map((update) => (
                <tr key={update.id} className="border-t border-slate-100">
                  <td className="px-2 py-1">
                    Update: {update.changes.join(', ')}
                  </td>
                  <td className="px-2 py-1 font-mono">{update.reference}</td>
                  <td className="px-2 py-1">{update.finding.title}</td>
                  <td className="px-2 py-1">
                    {SEVERITY_LABELS[update.finding.severity]} (
                    {update.finding.severityReason})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {plan.skip.length > 0 ? (
        <details className="text-sm">
          <summary>Skipped ({plan.skip.length})</summary>
          <ul className="list-disc pl-5">
            {plan.skip.slice(0, 500).map((skip, index) => (
              <li key={index}>
                {skip.reference}: {skip.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {nothing ? (
        <p className="text-sm text-slate-700">
          This file changes nothing: every finding in it is already here.
        </p>
      ) : (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="pendingId" value={pendingId} />
          <button type="submit" className={buttonClass}>
            Confirm import
          </button>
        </Form>
      )}
    </section>
  )
}

export function FormatSelect({ defaultValue }: { defaultValue?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="format" className="text-sm font-medium">
        Format
      </label>
      <select
        id="format"
        name="format"
        defaultValue={defaultValue ?? 'auto'}
        className="rounded border border-slate-400 bg-white px-2 py-2"
      >
        <option value="auto">From the file name</option>
        <option value="sarif">SARIF 2.1.0</option>
        <option value="csv">CSV (Clearance columns)</option>
        <option value="json">JSON (Clearance export)</option>
      </select>
    </div>
  )
}
