import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass, Field } from '~/components/field'

export interface FormResult {
  intent: string
  fieldErrors: Record<string, string[] | undefined> | null
  values: Record<string, string> | null
}

const areaClass =
  'rounded border border-slate-400 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-[invalid]:border-red-700'

function TextArea({
  name,
  label,
  hint,
  error,
  defaultValue,
}: {
  name: string
  label: string
  hint?: string
  error?: string | undefined
  defaultValue: string
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={name} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={name}
        name={name}
        rows={3}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [error ? `${name}-error` : '', hint ? `${name}-hint` : '']
            .filter(Boolean)
            .join(' ') || undefined
        }
        className={areaClass}
      />
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

export function SignForm({
  ready,
  result,
}: {
  ready: boolean
  result: FormResult | null
}) {
  const mine = result?.intent === 'sign' ? result : null
  return (
    <section
      aria-labelledby="sign"
      className="rounded border border-slate-200 bg-white p-4"
    >
      <h3 id="sign" className="text-lg font-semibold">
        Sign
      </h3>
      {mine?.fieldErrors?.signer ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {mine.fieldErrors.signer[0]}
        </p>
      ) : null}
      <Form method="post" className="mt-2 space-y-3">
        <CsrfInput />
        <input type="hidden" name="intent" value="sign" />
        <TextArea
          name="statement"
          label="Statement"
          hint="What you vouch for, in your words. It is printed in the report."
          defaultValue={mine?.values?.statement ?? ''}
          error={mine?.fieldErrors?.statement?.[0]}
        />
        {ready ? null : (
          <TextArea
            name="gateException"
            label="Gate exception"
            hint="Gates fail. To sign anyway, write which failures you accept and why; it is printed on the report's first page."
            defaultValue={mine?.values?.gateException ?? ''}
            error={mine?.fieldErrors?.gateException?.[0]}
          />
        )}
        <button type="submit" className={buttonClass}>
          Sign the assessment
        </button>
      </Form>
    </section>
  )
}

export function SignOffPolicy({
  required,
  signers,
  result,
}: {
  required: { userId: number; name: string; capacity: string }[]
  signers: { id: number; name: string; role: string }[]
  result: FormResult | null
}) {
  const mine = result?.intent === 'add-signer' ? result : null
  const userError = mine?.fieldErrors?.userId?.[0]
  return (
    <section
      aria-labelledby="policy"
      className="rounded border border-slate-200 bg-white p-4"
    >
      <h3 id="policy" className="text-lg font-semibold">
        Sign-off policy
      </h3>
      <ul className="mt-2 text-sm">
        {required.map((entry) => (
          <li key={entry.userId} className="flex items-center gap-3 py-1">
            <span>
              {entry.name} — {entry.capacity}
            </span>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="remove-signer" />
              <input type="hidden" name="userId" value={entry.userId} />
              <button
                type="submit"
                className="rounded border border-rose-700 px-2 py-0.5 text-rose-800 hover:bg-rose-50"
                aria-label={`Remove ${entry.name} from the policy`}
              >
                Remove
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form
        method="post"
        className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3"
      >
        <CsrfInput />
        <input type="hidden" name="intent" value="add-signer" />
        <div className="flex flex-col gap-1">
          <label htmlFor="userId" className="text-sm font-medium">
            Signer
          </label>
          <select
            id="userId"
            name="userId"
            defaultValue={mine?.values?.userId ?? ''}
            aria-invalid={userError ? true : undefined}
            aria-describedby={userError ? 'userId-error' : undefined}
            className="rounded border border-slate-400 bg-white px-2 py-2"
          >
            <option value="">Choose a person</option>
            {signers.map((signer) => (
              <option key={signer.id} value={signer.id}>
                {signer.name} ({signer.role})
              </option>
            ))}
          </select>
          {userError ? (
            <p id="userId-error" className="text-sm text-red-800">
              {userError}
            </p>
          ) : null}
        </div>
        <Field
          label="Capacity"
          name="capacity"
          placeholder="Security lead"
          defaultValue={mine?.values?.capacity ?? ''}
          error={mine?.fieldErrors?.capacity?.[0]}
        />
        <div className="self-end">
          <button type="submit" className={buttonClass}>
            Add signer
          </button>
        </div>
      </Form>
    </section>
  )
}
