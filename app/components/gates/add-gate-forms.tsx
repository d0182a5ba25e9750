import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass, Field } from '~/components/field'
import { RESOLVING_STATUSES, RULE_KIND_LABELS } from '~/domain/gate-forms'
import { FINDING_STATUS_LABELS } from '~/domain/finding-status'
import { SEVERITIES, SEVERITY_LABELS } from '~/domain/severity'
import { GATE_RULE_KINDS } from '#db/schema/gates'
import type { GateActionData } from '~/utils/gate-actions.server'

const selectClass =
  'rounded border border-slate-400 bg-white px-2 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-[invalid]:border-red-700'

function SelectField({
  label,
  name,
  error,
  defaultValue,
  hint,
  children,
}: {
  label: string
  name: string
  error: string | undefined
  defaultValue: string | undefined
  hint?: string
  children: React.ReactNode
}) {
  const describedBy = [error ? `${name}-error` : '', hint ? `${name}-hint` : '']
    .filter(Boolean)
    .join(' ')
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={name} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={name}
        name={name}
        defaultValue={defaultValue ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={selectClass}
      >
        {children}
      </select>
      {hint ? (
        <p id={`${name}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  )
}

// Field ties its id to its name; the two forms share field names, so the
// checklist form needs ids of its own.
function TextField({
  id,
  name,
  label,
  defaultValue,
  error,
}: {
  id: string
  name: string
  label: string
  defaultValue: string | undefined
  error: string | undefined
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={selectClass}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** The security team's forms to add a rule gate or a checklist gate. */
export function AddGateForms({
  phases,
  actionData,
}: {
  phases: { id: number; name: string }[]
  actionData: GateActionData | undefined
}) {
  const rule =
    actionData?.intent === 'create-rule-gate' && !actionData.ok
      ? actionData
      : undefined
  const checklist =
    actionData?.intent === 'create-checklist-gate' && !actionData.ok
      ? actionData
      : undefined
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <section
        aria-labelledby="add-rule-gate"
        className="rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="add-rule-gate" className="text-lg font-semibold">
          Add a rule gate
        </h2>
        <Form method="post" className="mt-3 space-y-3" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="create-rule-gate" />
          <Field
            label="Gate name"
            name="name"
            defaultValue={rule?.values.name}
            error={rule?.errors.name}
          />
          <Field
            label="Gate description"
            name="description"
            defaultValue={rule?.values.description}
            error={rule?.errors.description}
          />
          <SelectField
            label="Rule kind"
            name="ruleKind"
            error={rule?.errors.ruleKind}
            defaultValue={rule?.values.ruleKind}
          >
            <option value="">Choose a rule</option>
            {GATE_RULE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {RULE_KIND_LABELS[kind]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Severity"
            name="severity"
            error={rule?.errors.severity}
            defaultValue={rule?.values.severity}
            hint="For the severity rules: the threshold, or the severity to resolve."
          >
            <option value="">None</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {SEVERITY_LABELS[severity]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Phase"
            name="phaseId"
            error={rule?.errors.phaseId}
            defaultValue={rule?.values.phaseId}
            hint="For overdue tasks: one phase, or the whole plan."
          >
            <option value="">Whole plan</option>
            {phases.map((phase) => (
              <option key={phase.id} value={phase.id}>
                {phase.name}
              </option>
            ))}
          </SelectField>
          <fieldset
            aria-describedby={
              rule?.errors.statuses ? 'statuses-error' : undefined
            }
          >
            <legend className="text-sm font-medium">
              Statuses that count as resolved (for &quot;severity
              resolved&quot;)
            </legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {RESOLVING_STATUSES.map((status) => (
                <label key={status} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    name="statuses"
                    value={status}
                    defaultChecked
                  />
                  {FINDING_STATUS_LABELS[status]}
                </label>
              ))}
            </div>
            {rule?.errors.statuses ? (
              <p id="statuses-error" className="text-sm text-red-800">
                {rule.errors.statuses}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className={buttonClass}>
            Add rule gate
          </button>
        </Form>
      </section>
      <section
        aria-labelledby="add-checklist-gate"
        className="rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="add-checklist-gate" className="text-lg font-semibold">
          Add a checklist gate
        </h2>
        <Form method="post" className="mt-3 space-y-3" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="create-checklist-gate" />
          <TextField
            id="checklist-name"
            name="name"
            label="Checklist item"
            defaultValue={checklist?.values.name}
            error={checklist?.errors.name}
          />
          <TextField
            id="checklist-description"
            name="description"
            label="What to check"
            defaultValue={checklist?.values.description}
            error={checklist?.errors.description}
          />
          <button type="submit" className={buttonClass}>
            Add checklist gate
          </button>
        </Form>
      </section>
    </div>
  )
}
