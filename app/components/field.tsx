import type { InputHTMLAttributes, ReactNode } from 'react'

/**
 * A labelled input with its error next to it, linked for screen readers
 * through aria-describedby and flagged with aria-invalid.
 */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: {
  label: ReactNode
  name: string
  error?: string | undefined
  hint?: ReactNode
} & InputHTMLAttributes<HTMLInputElement>) {
  const errorId = `${name}-error`
  const hintId = `${name}-hint`
  const describedBy = [error ? errorId : null, hint ? hintId : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={name} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="rounded border border-slate-400 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-[invalid]:border-red-700"
        {...input}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export const buttonClass =
  'rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:opacity-60'
