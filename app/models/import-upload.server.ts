import { z } from 'zod'
import { guessImportFormat } from '~/domain/import/parse'
import { IMPORT_FORMATS, type ImportFormat } from '~/domain/import/types'

/** The format the person chose, or the one the file name suggests. */
export function chooseImportFormat(
  chosen: FormDataEntryValue | null,
  fileName: string,
): ImportFormat | null {
  const parsed = z.enum(IMPORT_FORMATS).safeParse(chosen)
  return parsed.success ? parsed.data : guessImportFormat(fileName)
}
