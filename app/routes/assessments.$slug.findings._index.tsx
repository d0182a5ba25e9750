import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { SeverityBadge, StatusBadge, Tag } from '~/components/badges'
import {
  parseFindingFilters,
  FindingFiltersSchema,
} from '~/domain/finding-filters'
import {
  FINDING_STATUS_LABELS,
  FINDING_STATUSES,
} from '~/domain/finding-status'
import { OWASP_API_TOP10_2023, OWASP_TOP10_2021 } from '~/domain/owasp'
import { SEVERITIES, SEVERITY_LABELS } from '~/domain/severity'
import { listFindings } from '~/models/finding.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'Findings · Clearance' }]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, assessment } = requireAssessment(
    request,
    params.slug,
    'read:finding',
    context,
  )

  const parsed = parseFindingFilters(new URL(request.url).searchParams)
  // A bad filter in a shared link shows the error and the unfiltered list
  // rather than an error page.
  const filters = parsed.success ? parsed.data : FindingFiltersSchema.parse({})
  const filterError = parsed.success
    ? null
    : parsed.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')

  const result = listFindings(getDb(), assessment.id, filters, user.id)

  return { ...result, filters, filterError }
}

const selectClass =
  'rounded border border-slate-400 bg-white px-2 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500'

function SortHeader({ sort, label }: { sort: string; label: string }) {
  const [searchParams] = useSearchParams()
  const current = searchParams.get('sort') ?? 'severity'
  const dir = searchParams.get('dir') ?? 'asc'
  const next = new URLSearchParams(searchParams)
  next.set('sort', sort)
  next.set('dir', current === sort && dir === 'asc' ? 'desc' : 'asc')
  next.delete('page')
  const ariaSort =
    current === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined
  return (
    <th scope="col" aria-sort={ariaSort} className="px-2 py-2 text-left">
      <Link
        to={`?${next.toString()}`}
        className="text-sky-800 underline-offset-2 hover:underline"
      >
        {label}
        {current === sort ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </Link>
    </th>
  )
}

export default function FindingsList() {
  const { findings, total, page, pageSize, filters, filterError } =
    useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const pageLink = (target: number) => {
    const next = new URLSearchParams(searchParams)
    next.set('page', String(target))
    return `?${next.toString()}`
  }
  return (
    <div>
      <h2 className="sr-only">Findings</h2>
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
      {filterError ? (
        <p
          role="alert"
          className="mt-3 rounded bg-amber-50 p-3 text-sm text-amber-900"
        >
          Some filters in the link were not understood and were ignored:{' '}
          {filterError}
        </p>
      ) : null}
      <p className="mt-3 text-sm text-slate-700" aria-live="polite">
        {total} finding{total === 1 ? '' : 's'}
        {pages > 1 ? `, page ${page} of ${pages}` : ''}
      </p>
      {findings.length === 0 ? (
        <p className="mt-3 rounded border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          No finding matches these filters.
        </p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full min-w-[48rem] text-sm">
            <caption className="sr-only">
              Findings, sorted by {filters.sort}{' '}
              {filters.dir === 'asc' ? 'ascending' : 'descending'}
            </caption>
            <thead className="bg-slate-100">
              <tr>
                <SortHeader sort="reference" label="Ref" />
                <th scope="col" className="px-2 py-2 text-left">
                  Title
                </th>
                <SortHeader sort="severity" label="Severity" />
                <SortHeader sort="cvss" label="CVSS" />
                <SortHeader sort="status" label="Status" />
                <th scope="col" className="px-2 py-2 text-left">
                  OWASP
                </th>
                <th scope="col" className="px-2 py-2 text-left">
                  Assignee
                </th>
                <SortHeader sort="due" label="Due" />
              </tr>
            </thead>
            <tbody>
              {findings.map((finding) => (
                <tr
                  key={finding.id}
                  className="border-t border-slate-100 align-top"
                >
                  <td className="px-2 py-2 font-mono">{finding.reference}</td>
                  <td className="px-2 py-2">
                    <Link
                      to={finding.reference}
                      className="font-medium text-sky-800 underline-offset-2 hover:underline"
                    >
                      {finding.title}
                    </Link>
                    <span className="ml-2 inline-flex gap-1">
                      {finding.isBlocker ? <Tag>Blocker</Tag> : null}
                      {finding.isQuickWin ? <Tag>Quick win</Tag> : null}
                    </span>
                  </td>
                  <td className="px-2 py-2">
                    <SeverityBadge severity={finding.severity} />
                  </td>
                  <td className="px-2 py-2 tabular-nums">
                    {finding.cvssScore?.toFixed(1) ?? '—'}
                    {finding.scoreSource === 'imported' ? (
                      <span className="text-xs text-slate-600">
                        {' '}
                        (imported)
                      </span>
                    ) : null}
                  </td>
                  <td className="px-2 py-2">
                    <StatusBadge status={finding.status} />
                  </td>
                  <td className="px-2 py-2 text-xs">
                    {finding.owaspTop10 ?? '—'} · {finding.owaspApiTop10 ?? '—'}
                  </td>
                  <td className="px-2 py-2">
                    {finding.assigneeName ?? (
                      <span className="text-slate-500">Unassigned</span>
                    )}
                  </td>
                  <td className="px-2 py-2 tabular-nums">
                    {finding.dueOn ?? '—'}
                    {finding.isOverdue ? (
                      <span className="ml-1 font-semibold text-rose-800">
                        Overdue
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="text-sky-800 underline">
              Previous page
            </Link>
          ) : null}
          {page < pages ? (
            <Link to={pageLink(page + 1)} className="text-sky-800 underline">
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  )
}
