import { parseFindingsCsv } from './csv'
import { parseAssessmentJson } from './json'
import { parseSarif } from './sarif'
import {
  MAX_IMPORT_BYTES,
  refuse,
  type ImportFormat,
  type ParsedImport,
} from './types'

/** Parses an upload in the named format, after the size check. */
export function parseImport(
  format: ImportFormat,
  content: string,
): ParsedImport {
  if (Buffer.byteLength(content, 'utf8') > MAX_IMPORT_BYTES)
    return refuse('The file is larger than 20 MB.')
  if (content.trim() === '') return refuse('The file is empty.')
  switch (format) {
    case 'sarif':
      return parseSarif(content)
    case 'csv':
      return parseFindingsCsv(content)
    case 'json':
      return parseAssessmentJson(content)
  }
}

/** Guesses the format from the file name, for the upload form's default. */
export function guessImportFormat(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.sarif') || lower.endsWith('.sarif.json')) return 'sarif'
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.json')) return 'json'
  return null
}
