import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { selectClass } from './findings-filter-form'
import { smallButtonClass } from './intent-form'

/**
 * One form for the rows ticked in the table (their checkboxes point here
 * through `form="bulk-form"`); the server checks every id.
 */
export function BulkActions({
  people,
  error,
}: {
  people: { id: number; name: string }[]
  error: string | null
}) {
  return (
    <Form
      id="bulk-form"
      method="post"
      aria-label="Change selected findings"
      className="mt-3 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
    >
      <CsrfInput />
      <label className="flex flex-col text-sm">
        Assign selected to
        <select name="assigneeId" className={selectClass} defaultValue="">
          <option value="">Nobody</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        name="intent"
        value="bulk-assign"
        className={smallButtonClass}
      >
        Assign selected
      </button>
      <label className="flex flex-col text-sm">
        Due date for selected
        <input type="date" name="dueOn" className={selectClass} />
      </label>
      <button
        type="submit"
        name="intent"
        value="bulk-due-date"
        className={smallButtonClass}
      >
        Set due date
      </button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </Form>
  )
}
