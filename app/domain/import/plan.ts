import type { ImportedFinding, ImportRowError } from './types'

/** The fields an import may set; compared to decide update or skip. */
export const IMPORTED_FIELDS = [
  'title',
  'severity',
  'cvssVector',
  'cvssScore',
  'cweId',
  'owaspTop10',
  'owaspApiTop10',
  'description',
  'remediation',
] as const satisfies readonly (keyof ImportedFinding)[]

export type ImportedField = (typeof IMPORTED_FIELDS)[number]

export type ExistingFinding = {
  id: number
  reference: string
  fingerprint: string | null
} & Pick<ImportedFinding, (typeof IMPORTED_FIELDS)[number]>

export interface ImportPlan {
  create: ImportedFinding[]
  update: {
    id: number
    reference: string
    finding: ImportedFinding
    changes: ImportedField[]
    previous: Partial<Record<ImportedField, unknown>>
  }[]
  skip: { reference: string; reason: string }[]
  errors: ImportRowError[]
}

/**
 * Decides, without writing, what an import would do: a finding matched by
 * fingerprint (SARIF) or reference (CSV, JSON) is updated when a field
 * differs and skipped when none does, so importing the same file twice
 * changes nothing the second time. Unmatched findings are created.
 */
export function planImport(
  incoming: ImportedFinding[],
  existing: ExistingFinding[],
  errors: ImportRowError[] = [],
): ImportPlan {
  const byFingerprint = new Map(
    existing.flatMap((finding) =>
      finding.fingerprint ? [[finding.fingerprint, finding] as const] : [],
    ),
  )
  const byReference = new Map(
    existing.map((finding) => [finding.reference, finding] as const),
  )
  const plan: ImportPlan = { create: [], update: [], skip: [], errors }
  const seen = new Set<string>()
  const references = new Set(byReference.keys())
  for (const finding of incoming) {
    if (seen.has(finding.matchKey)) {
      plan.skip.push({
        reference: finding.reference,
        reason: 'appears more than once in the file',
      })
      continue
    }
    seen.add(finding.matchKey)
    const match = finding.fingerprint
      ? byFingerprint.get(finding.fingerprint)
      : byReference.get(finding.reference)
    if (!match) {
      if (references.has(finding.reference)) {
        plan.skip.push({
          reference: finding.reference,
          reason: 'another finding already has this reference',
        })
        continue
      }
      references.add(finding.reference)
      plan.create.push(finding)
      continue
    }
    const changes = IMPORTED_FIELDS.filter(
      (field) => (match[field] ?? null) !== (finding[field] ?? null),
    )
    if (changes.length === 0)
      plan.skip.push({ reference: match.reference, reason: 'unchanged' })
    else
      plan.update.push({
        id: match.id,
        reference: match.reference,
        finding,
        changes,
        previous: Object.fromEntries(
          changes.map((field) => [field, match[field]]),
        ),
      })
  }
  return plan
}
