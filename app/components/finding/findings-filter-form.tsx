import { Form, Link } from '@remix-run/react'
import type { FindingFilters } from '~/domain/finding-filters'
import {
  FINDING_STATUS_LABELS,
  FINDING_STATUSES,
} from '~/domain/finding-status'
import { OWASP_API_TOP10_2023, OWASP_TOP10_2021 } from '~/domain/owasp'
import { SEVERITIES, SEVERITY_LABELS } from '~/domain/severity'

export const selectClass =
  'rounded border border-slate-400 bg-white px-2 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500'

/** The findings list's filters, kept in the URL so a view can be shared. */
export function FindingFiltersForm({
  filters,
  people,
}: {
  filters: FindingFilters
  people: { id: number; name: string }[]
}) {
  return (
    <Form
      method="get"
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
      aria-label="Filter findings"
    >
      <label className="flex flex-col text-sm">
        Search
        <input
          type="search"
          name="q"
          defaultValue={filters.q ?? ''}
          className={selectClass}
          placeholder="Title, reference, text"
        />
      </label>
      <label className="flex flex-col text-sm">
        Severity
        <select
          name="severity"
          defaultValue={filters.severity[0] ?? ''}
          className={selectClass}
        >
          <option value="">Any</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABELS[severity]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-sm">
        Status
        <select
          name="status"
          defaultValue={filters.status[0] ?? ''}
          className={selectClass}
        >
          <option value="">Any</option>
          <option value="open_any">Any open</option>
          <option value="closed_any">Any closed</option>
          {FINDING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {FINDING_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-sm">
        OWASP category
        <select
          name="owasp"
          defaultValue={filters.owasp ?? ''}
          className={selectClass}
        >
          <option value="">Any</option>
          <optgroup label="OWASP Top 10 2021">
            {Object.entries(OWASP_TOP10_2021).map(([code, name]) => (
              <option key={code} value={code}>
                {code} {name}
              </option>
            ))}
          </optgroup>
          <optgroup label="OWASP API Top 10 2023">
            {Object.entries(OWASP_API_TOP10_2023).map(([code, name]) => (
              <option key={code} value={code}>
                {code} {name}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label className="flex flex-col text-sm">
        Blocker
        <select
          name="blocker"
          defaultValue={
            filters.blocker === undefined ? '' : String(filters.blocker)
          }
          className={selectClass}
        >
          <option value="">Any</option>
          <option value="true">Production blockers</option>
          <option value="false">Not blockers</option>
        </select>
      </label>
      <label className="flex flex-col text-sm">
        Assignee
        <select
          name="assignee"
          defaultValue={
            filters.assignee === undefined ? '' : String(filters.assignee)
          }
          className={selectClass}
        >
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Unassigned</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 pb-1.5 text-sm">
        <input
          type="checkbox"
          name="overdue"
          value="true"
          defaultChecked={filters.overdue === true}
        />
        Overdue only
      </label>
      <input type="hidden" name="sort" value={filters.sort} />
      <input type="hidden" name="dir" value={filters.dir} />
      <button
        type="submit"
        className="rounded bg-sky-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-900"
      >
        Apply filters
      </button>
      <Link to="?" className="pb-1.5 text-sm text-sky-800 underline">
        Clear
      </Link>
    </Form>
  )
}
