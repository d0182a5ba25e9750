import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Link,
  useActionData,
  useLoaderData,
  useSearchParams,
} from '@remix-run/react'
import { SeverityBadge, StatusBadge, Tag } from '~/components/badges'
import { BulkActions } from '~/components/finding/bulk-actions'
import { FindingFiltersForm } from '~/components/finding/findings-filter-form'
import {
  parseFindingFilters,
  FindingFiltersSchema,
} from '~/domain/finding-filters'
import { BULK_FINDINGS_FORM } from '~/domain/finding-forms'
import { can } from '~/domain/permissions'
import { listAssignableUsers } from '~/models/finding-activity.server'
import { bulkChangeFindings } from '~/models/finding-bulk.server'
import { expireRiskAcceptances } from '~/models/finding-expiry.server'
import { listFindings } from '~/models/finding.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
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

  const db = getDb()
  expireRiskAcceptances(db, new Date(), assessment.id)
  const result = listFindings(db, assessment.id, filters, user.id)
  const people = listAssignableUsers(db, assessment.id)

  return {
    ...result,
    filters,
    filterError,
    people,
    canBulk: can(user, 'assign:finding'),
    canCreate: can(user, 'create:finding'),
  }
}

/** Bulk assignment and due dates for the security team. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session, assessment } = requireAssessment(
    request,
    params.slug,
    'assign:finding',
    context,
  )

  const form = await readForm(request, session)
  const parsed = BULK_FINDINGS_FORM.safeParse({
    intent: form.get('intent'),
    ids: form.getAll('ids'),
    assigneeId: form.get('assigneeId') ?? undefined,
    dueOn: form.get('dueOn') ?? undefined,
  })
  if (!parsed.success)
    return json(
      { message: parsed.error.issues.map((issue) => issue.message).join('; ') },
      { status: 400 },
    )

  const { intent, ids, assigneeId, dueOn } = parsed.data
  const result = bulkChangeFindings(
    getDb(),
    user,
    assessment.id,
    ids,
    intent === 'bulk-assign'
      ? { kind: 'assigned', assigneeId: assigneeId ? assigneeId : null }
      : { kind: 'due_date', dueOn: dueOn ? dueOn : null },
    { ipAddress: context.clientIp, requestId: context.requestId },
  )

  if (!result.ok) return json({ message: result.message }, { status: 400 })
  return redirect(new URL(request.url).pathname + new URL(request.url).search)
}

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
  const {
    findings,
    total,
    page,
    pageSize,
    filters,
    filterError,
    people,
    canBulk,
    canCreate,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
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
      {canCreate ? (
        <p className="mb-3 text-right">
          <Link to="new" className="text-sm text-sky-800 underline">
            New finding
          </Link>
        </p>
      ) : null}
      <FindingFiltersForm filters={filters} people={people} />
      {filterError ? (
        <p
          role="alert"
          className="mt-3 rounded bg-amber-50 p-3 text-sm text-amber-900"
        >
          Some filters in the link were not understood and were ignored:{' '}
          {filterError}
        </p>
      ) : null}
      {canBulk && findings.length > 0 ? (
        <BulkActions people={people} error={actionData?.message ?? null} />
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
                {canBulk ? (
                  <th scope="col" className="px-2 py-2 text-left">
                    <span className="sr-only">Select</span>
                  </th>
                ) : null}
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
                  // A changed row remounts, which clears its bulk checkbox.
                  key={`${finding.id}-${finding.updatedAt}`}
                  className="border-t border-slate-100 align-top"
                >
                  {canBulk ? (
                    <td className="px-2 py-2">
                      <input
                        type="checkbox"
                        name="ids"
                        value={finding.id}
                        form="bulk-form"
                        aria-label={`Select ${finding.reference}`}
                      />
                    </td>
                  ) : null}
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
