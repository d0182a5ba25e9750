import { FormField, IntentForm } from './intent-form'

/** The security team corrects the finding's text; each edit is versioned. */
export function EditDetailsForm({
  version,
  finding,
}: {
  version: number
  finding: {
    title: string
    description: string
    impact: string
    remediation: string
  }
}) {
  return (
    <details className="rounded border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer text-lg font-semibold">
        Edit details
      </summary>
      <div className="mt-3">
        <IntentForm
          intent="edit-details"
          version={version}
          label="Edit details"
          submitLabel="Save details"
        >
          <FormField
            intent="edit-details"
            name="title"
            label="Title"
            defaultValue={finding.title}
            required
          />
          {(['description', 'impact', 'remediation'] as const).map((name) => (
            <FormField
              key={name}
              intent="edit-details"
              name={name}
              label={name[0]?.toUpperCase() + name.slice(1)}
              defaultValue={finding[name]}
              multiline
              hint="Markdown"
            />
          ))}
        </IntentForm>
      </div>
    </details>
  )
}
