import { parse } from 'csv-parse/sync'
import { readFindingFields } from './record'
import {
  MAX_IMPORT_RESULTS,
  refuse,
  type ImportedFinding,
  type ImportRowError,
  type ParsedImport,
} from './types'

export const REQUIRED_CSV_COLUMNS = ['reference', 'title', 'severity'] as const

/** Undoes the export's formula guard: a leading ' before = + - @. */
function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

/**
 * A CSV with a header row, in the columns of docs/report-formats.md.
 * Unknown columns are ignored (so an export reads back); rows are
 * numbered as a spreadsheet shows them, the header being row 1.
 */
export function parseFindingsCsv(content: string): ParsedImport {
  let rows: Record<string, string>[]
  try {
    rows = parse(content.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) =>
        header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: false,
    }) as Record<string, string>[]
  } catch (error) {
    return refuse(
      `The CSV could not be read: ${error instanceof Error ? error.message : 'unknown error'}.`,
    )
  }
  if (rows.length > MAX_IMPORT_RESULTS)
    return refuse(
      `The file has ${rows.length} rows; one import takes at most ${MAX_IMPORT_RESULTS}.`,
    )
  const first = rows[0]
  if (!first) return refuse('The CSV has a header but no rows.')
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !(column in first))
  if (missing.length > 0)
    return refuse(`The CSV lacks the column(s): ${missing.join(', ')}.`)
  const findings: ImportedFinding[] = []
  const errors: ImportRowError[] = []
  rows.forEach((row, index) => {
    const fields = Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, unguard(value)]),
    )
    const read = readFindingFields(fields, `row ${index + 2}`, 'csv')
    if ('finding' in read) findings.push(read.finding)
    else errors.push(...read.errors)
  })
  return { ok: true, findings, errors }
}
