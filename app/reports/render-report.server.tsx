import { renderToBuffer } from '@react-pdf/renderer'
import { registerReportFonts } from './fonts.server'
import { ReportDocument, type ReportInput } from './report-document'

/**
 * Renders the report to PDF bytes on the server. The call is asynchronous
 * (fonts and images load without blocking), but react-pdf's layout runs on
 * the main thread: a very large report delays other requests while it is
 * laid out. See docs/decisions/050-reports-and-integrity.md.
 */
export async function renderReportPdf(input: ReportInput): Promise<Buffer> {
  registerReportFonts()
  return renderToBuffer(<ReportDocument input={input} />)
}
