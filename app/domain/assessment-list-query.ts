import { z } from 'zod'

/**
 * The search, filters, sort and page of the assessments list and the
 * portfolio dashboard, as they appear in the URL
 * (`?q=payments&attention=critical&page=2`). Both pages read the same
 * parameters, so a filtered view can be shared as a link.
 */
export const ASSESSMENT_PAGE_SIZE = 25

export const ASSESSMENT_STAGES = ['any', 'active', 'signed_off'] as const
export const ASSESSMENT_ATTENTION = ['any', 'critical', 'blocker'] as const
export const ASSESSMENT_SORTS = ['risk', 'name'] as const

export const ASSESSMENT_STAGE_LABELS: Record<
  (typeof ASSESSMENT_STAGES)[number],
  string
> = {
  any: 'Any stage',
  active: 'Not signed off',
  signed_off: 'Signed off',
}

export const ASSESSMENT_ATTENTION_LABELS: Record<
  (typeof ASSESSMENT_ATTENTION)[number],
  string
> = {
  any: 'Any',
  critical: 'Has an open critical',
  blocker: 'Has an open blocker',
}

export const ASSESSMENT_SORT_LABELS: Record<
  (typeof ASSESSMENT_SORTS)[number],
  string
> = {
  risk: 'Most open criticals first',
  name: 'Name',
}

export interface AssessmentListQuery {
  q: string
  stage: (typeof ASSESSMENT_STAGES)[number]
  attention: (typeof ASSESSMENT_ATTENTION)[number]
  sort: (typeof ASSESSMENT_SORTS)[number]
  page: number
}

export const DEFAULT_ASSESSMENT_LIST_QUERY: AssessmentListQuery = {
  q: '',
  stage: 'any',
  attention: 'any',
  sort: 'risk',
  page: 1,
}

const FIELDS = {
  q: z.string().trim().max(100, 'Search for at most 100 characters.'),
  stage: z.enum(ASSESSMENT_STAGES, {
    error: `Stage must be one of ${ASSESSMENT_STAGES.join(', ')}.`,
  }),
  attention: z.enum(ASSESSMENT_ATTENTION, {
    error: `Attention must be one of ${ASSESSMENT_ATTENTION.join(', ')}.`,
  }),
  sort: z.enum(ASSESSMENT_SORTS, {
    error: `Sort must be one of ${ASSESSMENT_SORTS.join(', ')}.`,
  }),
  page: z.coerce
    .number({ error: 'Page must be a whole number.' })
    .int('Page must be a whole number.')
    .min(1, 'Page must be 1 or more.')
    .max(100_000, 'Page must be at most 100000.'),
}

export interface ParsedAssessmentListQuery {
  query: AssessmentListQuery
  /** One sentence per parameter that was ignored, for the page to show. */
  problems: string[]
}

/**
 * Reads each parameter on its own: a bad one falls back to its default and
 * is reported, while the others still apply, so a mistyped link still shows
 * a useful list rather than an error page.
 */
export function parseAssessmentListQuery(
  params: URLSearchParams,
): ParsedAssessmentListQuery {
  const problems: string[] = []
  const read = <K extends keyof AssessmentListQuery>(
    key: K,
  ): AssessmentListQuery[K] => {
    const raw = params.get(key)
    if (raw === null || raw === '') return DEFAULT_ASSESSMENT_LIST_QUERY[key]
    const parsed = FIELDS[key].safeParse(raw)
    if (parsed.success) return parsed.data as AssessmentListQuery[K]
    problems.push(
      `${parsed.error.issues[0]?.message ?? `Bad ${key}.`} Ignored it.`,
    )
    return DEFAULT_ASSESSMENT_LIST_QUERY[key]
  }
  const query: AssessmentListQuery = {
    q: read('q'),
    stage: read('stage'),
    attention: read('attention'),
    sort: read('sort'),
    page: read('page'),
  }
  return { query, problems }
}

/** The query string for `query`, leaving out defaults to keep links short. */
export function assessmentListSearch(
  query: AssessmentListQuery,
  changes: Partial<AssessmentListQuery> = {},
): string {
  const next = { ...query, ...changes }
  const params = new URLSearchParams()
  for (const key of Object.keys(next) as (keyof AssessmentListQuery)[])
    if (next[key] !== DEFAULT_ASSESSMENT_LIST_QUERY[key])
      params.set(key, String(next[key]))
  const search = params.toString()
  return search ? `?${search}` : ''
}

/** Whether anything narrows the list (the empty state offers to clear it). */
export function isFilteredQuery(query: AssessmentListQuery): boolean {
  return (
    query.q !== '' ||
    query.stage !== DEFAULT_ASSESSMENT_LIST_QUERY.stage ||
    query.attention !== DEFAULT_ASSESSMENT_LIST_QUERY.attention
  )
}
