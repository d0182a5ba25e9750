import { renderToBuffer } from '@react-pdf/renderer'
import { registerReportFonts } from './fonts.server'
import { ReportDocument, type ReportInput } from './report-document'

/**
 * Renders the report to PDF bytes on the server. react-pdf lays out
 * asynchronously, yielding between pages, so a long report does not hold
 * the event loop for its whole duration.
 */
export async function renderReportPdf(input: ReportInput): Promise<Buffer> {
  registerReportFonts()
  return renderToBuffer(<ReportDocument input={input} />)
}
