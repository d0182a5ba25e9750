import { z } from 'zod'
import { isFormDay } from './dates'
import { isExternalTicket } from './finding-evidence'
import { SEVERITIES } from './severity'

/**
 * The finding page's forms, one Zod schema per intent. Empty optional
 * fields become undefined so "nothing typed" and "not sent" read alike.
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .optional()
    .transform((value) => (value ? value : undefined))
const required = (max: number, message: string) =>
  z.string().trim().min(1, message).max(max, `Use at most ${max} characters`)

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => /^https?:\/\/\S+$/.test(value), 'Give an http(s) link')

export const FINDING_FORM_SCHEMAS = {
  status: z.object({
    note: text(5000),
    commit: z
      .string()
      .trim()
      .max(80)
      .optional()
      .transform((value) => value || undefined)
      .refine(
        (value) => !value || /^[0-9a-f]{7,40}$/i.test(value),
        'Give a commit hash (7 to 40 hex characters)',
      ),
    pullRequest: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined)
      .pipe(httpUrl.optional()),
    release: text(80),
  }),
  'request-risk-acceptance': z.object({
    justification: z.string().trim().max(5000).default(''),
    compensatingControls: z.string().trim().max(5000).default(''),
    expiresOn: z.string().trim().default(''),
  }),
  decision: z.object({ note: text(2000) }),
  assign: z.object({
    assigneeId: z.union([z.literal(''), z.coerce.number().int().positive()]),
  }),
  'set-due-date': z.object({
    dueOn: z
      .string()
      .trim()
      .refine(
        (value) => value === '' || isFormDay(value),
        'Give a date from 2000 to 2099',
      ),
  }),
  comment: z.object({ body: required(20_000, 'Write a comment') }),
  'add-evidence': z.object({ url: httpUrl }),
  'set-ticket': z.object({
    ticket: z
      .string()
      .trim()
      .refine(
        (value) => value === '' || isExternalTicket(value),
        'Use a Jira key such as ABC-123 or a GitHub issue URL',
      ),
  }),
  'change-severity': z.object({
    severity: z.enum(SEVERITIES),
    cvssVector: z.string().trim().max(200).default(''),
    justification: required(2000, 'Say why the severity changes'),
  }),
  'edit-details': z.object({
    title: required(300, 'Give a title'),
    description: z.string().trim().max(50_000),
    impact: z.string().trim().max(50_000),
    remediation: z.string().trim().max(50_000),
  }),
  archive: z.object({ reason: required(2000, 'Give the reason') }),
}

/** The findings list's bulk form: ticked ids plus an assignee or a date. */
export const BULK_FINDINGS_FORM = z.object({
  intent: z.enum(['bulk-assign', 'bulk-due-date']),
  ids: z
    .array(z.coerce.number().int().positive())
    .min(1, 'Select at least one finding')
    .max(200),
  assigneeId: z
    .union([z.literal(''), z.coerce.number().int().positive()])
    .optional(),
  dueOn: z
    .string()
    .refine(
      (value) => value === '' || isFormDay(value),
      'Give a date from 2000 to 2099',
    )
    .optional(),
})
