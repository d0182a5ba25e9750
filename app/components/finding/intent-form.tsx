import { Form, useActionData, useNavigation } from '@remix-run/react'
import type { ReactNode, TextareaHTMLAttributes } from 'react'
import { CsrfInput } from '~/components/csrf-input'
import type { IntentOutcome } from '~/models/finding-intents.server'

/** The action's answer for this intent, if the last submit was this form. */
export function useIntentOutcome(intent: string) {
  const outcome = useActionData<IntentOutcome>()
  return outcome && outcome.intent === intent && !outcome.ok ? outcome : null
}

export const inputClass =
  'w-full rounded border border-slate-400 px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-[invalid]:border-red-700'

export const smallButtonClass =
  'rounded bg-sky-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:opacity-60'

/**
 * One form of the finding page: posts its intent with the CSRF token and
 * the finding's version, and shows the answer (a conflict, a refusal)
 * above its fields. The fields keep what was typed on any error.
 */
export function IntentForm({
  intent,
  version,
  label,
  submitLabel,
  children,
  encType,
}: {
  intent: string
  version: number
  label: string
  submitLabel: string
  children?: ReactNode
  encType?: 'multipart/form-data'
}) {
  const outcome = useIntentOutcome(intent)
  const navigation = useNavigation()
  const busy = navigation.formData?.get('intent') === intent
  return (
    <Form
      method="post"
      aria-label={label}
      encType={encType}
      className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3"
    >
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {outcome?.message ? (
        <p
          role="alert"
          className={`rounded p-2 text-sm ${
            outcome.status === 409
              ? 'bg-amber-50 text-amber-900'
              : 'bg-rose-50 text-rose-900'
          }`}
        >
          {outcome.message}
        </p>
      ) : null}
      {children}
      <button type="submit" className={smallButtonClass} disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  )
}

/** A labelled text area or input whose error sits right under it. */
export function FormField({
  intent,
  name,
  label,
  multiline = false,
  hint,
  defaultValue,
  ...rest
}: {
  intent: string
  name: string
  label: string
  multiline?: boolean
  hint?: string
  defaultValue?: string
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'defaultValue'> & {
    type?: string
  }) {
  const outcome = useIntentOutcome(intent)
  const error = outcome?.fieldErrors?.[name]
  const id = `${intent}-${name}`
  const describedBy =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
      .filter(Boolean)
      .join(' ') || undefined
  const common = {
    id,
    name,
    defaultValue: outcome?.values?.[name] ?? defaultValue,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    className: inputClass,
  }
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {multiline ? (
        <textarea rows={3} {...common} {...rest} />
      ) : (
        <input
          {...common}
          type={rest.type ?? 'text'}
          required={rest.required}
          placeholder={rest.placeholder}
        />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  )
}
