import { inputClass } from './intent-form'

/** A labelled input or text area with its error under it (full-page forms). */
export function FormFieldPlain({
  label,
  name,
  error,
  hint,
  multiline = false,
  type = 'text',
  required = false,
  defaultValue,
}: {
  label: string
  name: string
  error?: string | undefined
  hint?: string
  multiline?: boolean
  type?: string
  required?: boolean
  defaultValue: string
}) {
  const describedBy =
    [error ? `${name}-error` : null, hint ? `${name}-hint` : null]
      .filter(Boolean)
      .join(' ') || undefined
  const common = {
    id: name,
    name,
    defaultValue,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    className: inputClass,
  }
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={name} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        <input type={type} {...common} />
      )}
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
