import { SEVERITIES, SEVERITY_LABELS, type Severity } from '~/domain/severity'
import {
  FormField,
  IntentForm,
  inputClass,
  useIntentOutcome,
} from './intent-form'

function SelectField({
  intent,
  name,
  label,
  current,
  options,
}: {
  intent: string
  name: string
  label: string
  current: string
  options: { value: string; label: string }[]
}) {
  const outcome = useIntentOutcome(intent)
  const error = outcome?.fieldErrors?.[name]
  const id = `${intent}-${name}`
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={outcome?.values?.[name] ?? current}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** Assignment, due date, ticket, severity and archiving, by permission. */
export function ManageForms({
  version,
  finding,
  assignable,
  permissions,
}: {
  version: number
  finding: {
    assigneeId: number | null
    dueOn: string | null
    externalTicket: string | null
    severity: Severity
    cvssVector: string | null
  }
  assignable: { id: number; name: string; role: string }[]
  permissions: {
    assign: boolean
    ticket: boolean
    severity: boolean
    archive: boolean
  }
}) {
  if (!Object.values(permissions).some(Boolean)) return null
  return (
    <section
      aria-labelledby="manage-heading"
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h3 id="manage-heading" className="text-lg font-semibold">
        Manage
      </h3>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {permissions.assign ? (
          <>
            <IntentForm
              intent="assign"
              version={version}
              label="Assign"
              submitLabel="Assign"
            >
              <SelectField
                intent="assign"
                name="assigneeId"
                label="Assignee"
                current={finding.assigneeId ? String(finding.assigneeId) : ''}
                options={[
                  { value: '', label: 'Unassigned' },
                  ...assignable.map((user) => ({
                    value: String(user.id),
                    label: `${user.name} (${user.role})`,
                  })),
                ]}
              />
            </IntentForm>
            <IntentForm
              intent="set-due-date"
              version={version}
              label="Set due date"
              submitLabel="Set due date"
            >
              <FormField
                intent="set-due-date"
                name="dueOn"
                label="Due date"
                type="date"
                defaultValue={finding.dueOn ?? ''}
                hint="Leave empty to use the plan or the severity's SLA."
              />
            </IntentForm>
          </>
        ) : null}
        {permissions.ticket ? (
          <IntentForm
            intent="set-ticket"
            version={version}
            label="External ticket"
            submitLabel="Save ticket"
          >
            <FormField
              intent="set-ticket"
              name="ticket"
              label="Jira key or GitHub issue URL"
              defaultValue={finding.externalTicket ?? ''}
            />
          </IntentForm>
        ) : null}
        {permissions.severity ? (
          <IntentForm
            intent="change-severity"
            version={version}
            label="Change severity"
            submitLabel="Change severity"
          >
            <SelectField
              intent="change-severity"
              name="severity"
              label="Severity"
              current={finding.severity}
              options={SEVERITIES.map((severity) => ({
                value: severity,
                label: SEVERITY_LABELS[severity],
              }))}
            />
            <FormField
              intent="change-severity"
              name="cvssVector"
              label="CVSS vector"
              defaultValue={finding.cvssVector ?? ''}
              hint="The score is computed from the vector."
            />
            <FormField
              intent="change-severity"
              name="justification"
              label="Justification"
              multiline
              required
            />
          </IntentForm>
        ) : null}
        {permissions.archive ? (
          <IntentForm
            intent="archive"
            version={version}
            label="Archive finding"
            submitLabel="Archive finding"
          >
            <FormField
              intent="archive"
              name="reason"
              label="Reason for archiving"
              multiline
              required
            />
          </IntentForm>
        ) : null}
      </div>
    </section>
  )
}
