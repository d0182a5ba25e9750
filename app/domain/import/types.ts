import type { Severity } from '../severity'

/** Upper bounds of one import, checked before any parsing work. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024
export const MAX_IMPORT_RESULTS = 20_000

export const IMPORT_FORMATS = ['sarif', 'csv', 'json'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** One finding read from a file, in Clearance's terms. */
export interface ImportedFinding {
  /** How it matches on re-import: `fingerprint:<hash>` or `reference:<ref>`. */
  matchKey: string
  reference: string
  fingerprint: string | null
  title: string
  severity: Severity
  /** How the severity was decided, shown in the preview. */
  severityReason: string
  cvssVector: string | null
  cvssVersion: '3.1' | '4.0' | null
  cvssScore: number | null
  scoreSource: 'computed' | 'imported' | null
  cweId: number | null
  owaspTop10: string | null
  owaspApiTop10: string | null
  description: string
  remediation: string
  affected: string[]
  source: string
}

/** A row that could not be read: which, which field, what was expected. */
export interface ImportRowError {
  row: string
  field: string
  expected: string
}

export type ParsedImport =
  | { ok: true; findings: ImportedFinding[]; errors: ImportRowError[] }
  | { ok: false; message: string }

export function refuse(message: string): ParsedImport {
  return { ok: false, message }
}
