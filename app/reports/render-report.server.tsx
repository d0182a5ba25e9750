import { renderToBuffer } from '@react-pdf/renderer'
import { registerReportFonts } from './fonts.server'
import { ReportDocument, type ReportInput } from './report-document'

/**
 * Renders the report to PDF bytes. react-pdf's layout is synchronous and
 * takes seconds for a large report, so requests never call this directly:
 * it runs on the PDF worker thread (`pdf-worker.ts`, started by
 * `pdf-renderer.server.ts`), and the request thread stays free. See
 * docs/decisions/050-reports-and-integrity.md.
 */
export async function renderReportPdf(input: ReportInput): Promise<Buffer> {
  registerReportFonts()
  return renderToBuffer(<ReportDocument input={input} />)
}
