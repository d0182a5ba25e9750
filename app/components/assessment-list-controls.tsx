import { Form, Link } from '@remix-run/react'
import {
  ASSESSMENT_ATTENTION,
  ASSESSMENT_ATTENTION_LABELS,
  ASSESSMENT_SORT_LABELS,
  ASSESSMENT_SORTS,
  ASSESSMENT_STAGE_LABELS,
  ASSESSMENT_STAGES,
  assessmentListSearch,
  isFilteredQuery,
  type AssessmentListQuery,
} from '~/domain/assessment-list-query'

interface Totals {
  assessments: number
  openCritical: number
  openBlockers: number
  needingAttention: number
}

/** Portfolio-wide figures, whatever the filters. */
export function PortfolioTotals({ totals }: { totals: Totals }) {
  const figures = [
    ['Assessments', totals.assessments],
    ['With an open critical or blocker', totals.needingAttention],
    ['Open criticals', totals.openCritical],
    ['Open blockers', totals.openBlockers],
  ] as const
  return (
    <section aria-label="Portfolio totals" className="mt-4">
      <dl className="grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
        {figures.map(([label, value]) => (
          <div
            key={label}
            className="rounded border border-slate-200 bg-white p-3"
          >
            <dt className="text-slate-700">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

function Choice<T extends string>({
  name,
  label,
  values,
  labels,
  value,
}: {
  name: string
  label: string
  values: readonly T[]
  labels: Record<T, string>
  value: T
}) {
  return (
    <label className="flex flex-col text-sm">
      <span className="text-slate-700">{label}</span>
      <select
        name={name}
        defaultValue={value}
        className="rounded border border-slate-300 bg-white px-2 py-1"
      >
        {values.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
    </label>
  )
}

/**
 * The search and filter form: a plain GET form, so it works without
 * JavaScript and the result is a link that can be shared.
 */
export function AssessmentFilters({
  query,
  problems,
}: {
  query: AssessmentListQuery
  problems: string[]
}) {
  return (
    <>
      {problems.length > 0 ? (
        <div
          role="alert"
          className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {problems.join(' ')}
        </div>
      ) : null}
      <Form
        method="get"
        role="search"
        aria-label="Filter assessments"
        className="mt-4 flex flex-wrap items-end gap-3"
      >
        <label className="flex flex-col text-sm">
          <span className="text-slate-700">Name or service</span>
          <input
            type="search"
            name="q"
            defaultValue={query.q}
            maxLength={100}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <Choice
          name="stage"
          label="Stage"
          values={ASSESSMENT_STAGES}
          labels={ASSESSMENT_STAGE_LABELS}
          value={query.stage}
        />
        <Choice
          name="attention"
          label="Needs attention"
          values={ASSESSMENT_ATTENTION}
          labels={ASSESSMENT_ATTENTION_LABELS}
          value={query.attention}
        />
        <Choice
          name="sort"
          label="Sort"
          values={ASSESSMENT_SORTS}
          labels={ASSESSMENT_SORT_LABELS}
          value={query.sort}
        />
        <button
          type="submit"
          className="rounded bg-sky-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-900"
        >
          Apply
        </button>
        {isFilteredQuery(query) ? (
          <Link
            to={assessmentListSearch({ ...query, page: 1 }, clearedFilters)}
            className="py-1.5 text-sm text-sky-800 underline"
          >
            Clear filters
          </Link>
        ) : null}
      </Form>
    </>
  )
}

const clearedFilters = { q: '', stage: 'any', attention: 'any' } as const

/** "12 assessments match" and the previous/next links. */
export function AssessmentPager({
  query,
  matching,
  page,
  pages,
}: {
  query: AssessmentListQuery
  matching: number
  page: number
  pages: number
}) {
  return (
    <nav
      aria-label="Pagination"
      className="mt-3 flex items-center gap-4 text-sm"
    >
      <p className="text-slate-700" aria-live="polite">
        {matching} assessment{matching === 1 ? '' : 's'}
        {pages > 1 ? `, page ${page} of ${pages}` : ''}
      </p>
      {page > 1 ? (
        <Link
          to={assessmentListSearch(query, { page: page - 1 })}
          aria-label={`Previous page, page ${page - 1} of ${pages}`}
          className="text-sky-800 underline"
        >
          Previous
        </Link>
      ) : null}
      {page < pages ? (
        <Link
          to={assessmentListSearch(query, { page: page + 1 })}
          aria-label={`Next page, page ${page + 1} of ${pages}`}
          className="text-sky-800 underline"
        >
          Next
        </Link>
      ) : null}
    </nav>
  )
}

/** Nothing visible at all, or nothing matching the filters. */
export function AssessmentEmptyState({
  query,
  visible,
}: {
  query: AssessmentListQuery
  visible: number
}) {
  return (
    <div className="mt-4 rounded border border-dashed border-slate-300 bg-white p-6 text-slate-700">
      {visible === 0 ? (
        <p>
          No assessment is visible to you yet. Ask a security team member to add
          you to one.
        </p>
      ) : (
        <p>
          No assessment matches these filters.{' '}
          <Link
            to={assessmentListSearch(
              { ...query, page: 1 },
              { ...clearedFilters },
            )}
            className="text-sky-800 underline"
          >
            Clear filters
          </Link>
        </p>
      )}
    </div>
  )
}

/**
 * What the assessments list and the portfolio dashboard share around their
 * rows: the totals, the filters, the empty state and the pager. The rows
 * themselves (cards or a table) are the page's own.
 */
export function AssessmentListFrame({
  list,
  shown,
  children,
}: {
  list: {
    totals: Totals
    query: AssessmentListQuery
    problems: string[]
    matching: number
    page: number
    pages: number
  }
  /** How many rows this page shows. */
  shown: number
  children: React.ReactNode
}) {
  const { totals, query, problems, matching, page, pages } = list
  return (
    <>
      {totals.assessments > 0 ? (
        <>
          <PortfolioTotals totals={totals} />
          <AssessmentFilters query={query} problems={problems} />
        </>
      ) : null}
      {shown === 0 ? (
        <AssessmentEmptyState query={query} visible={totals.assessments} />
      ) : (
        <>
          <AssessmentPager
            query={query}
            matching={matching}
            page={page}
            pages={pages}
          />
          {children}
        </>
      )}
    </>
  )
}
