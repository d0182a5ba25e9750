import { z } from 'zod'
import { FINDING_STATUSES } from './finding-status'
import { SEVERITIES } from './severity'

/**
 * The findings list's filters, sort and page, as they appear in the URL
 * (`?severity=critical&severity=high&sort=cvss&page=2`). The same schema
 * reads the page's query string and the API's, so a filtered list can be
 * shared as a link and reproduced through the API.
 */
export const FINDING_SORTS = [
  'severity',
  'cvss',
  'reference',
  'due',
  'updated',
  'status',
] as const

// Repeated keys arrive as arrays; empty values (an "Any" option) mean no
// filter on that key.
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      (value === undefined
        ? []
        : Array.isArray(value)
          ? value
          : [value]
      ).filter((entry) => entry !== ''),
    z.array(item).max(20),
  )

const flag = z
  .enum(['true', 'false', ''])
  .optional()
  .transform((value) =>
    value === ''
      ? undefined
      : value === undefined
        ? undefined
        : value === 'true',
  )

export const FindingFiltersSchema = z.object({
  severity: many(z.enum(SEVERITIES)),
  status: many(z.enum([...FINDING_STATUSES, 'open_any', 'closed_any'])),
  owasp: z
    .string()
    .regex(/^(A(0[1-9]|10)|API([1-9]|10))$/, 'Use a code such as A03 or API4.')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  blocker: flag,
  overdue: flag,
  assignee: z
    .union([
      z.literal('me'),
      z.literal('none'),
      z.coerce.number().int().positive(),
    ])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(FINDING_SORTS).default('severity'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
})

export type FindingFilters = z.infer<typeof FindingFiltersSchema>

/** URLSearchParams to a plain object, keeping repeated keys as arrays. */
export function searchParamsToObject(params: URLSearchParams) {
  const result: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key)
    result[key] = values.length > 1 ? values : (values[0] ?? '')
  }
  return result
}

export function parseFindingFilters(params: URLSearchParams) {
  return FindingFiltersSchema.safeParse(searchParamsToObject(params))
}
