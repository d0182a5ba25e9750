import { parentPort } from 'node:worker_threads'
import { renderReportPdf } from './render-report.server'
import type { ReportInput } from './report-document'

/**
 * The PDF worker thread's entry: it lays out one report at a time, so
 * react-pdf's synchronous layout never holds up the server's event loop.
 * The parent sends `{ id, input }` and gets back `{ id, bytes }` (the
 * buffer is transferred, not copied) or `{ id, error }`.
 */
export interface RenderRequest {
  id: number
  input: ReportInput
}

export type RenderAnswer =
  { id: number; bytes: Uint8Array } | { id: number; error: string }

const port = parentPort
if (!port) throw new Error('pdf-worker.ts runs only as a worker thread.')

port.on('message', async ({ id, input }: RenderRequest) => {
  try {
    // A copy of its own, so the transfer hands over exactly these bytes
    // and never a pooled buffer that other data shares.
    const bytes = new Uint8Array(await renderReportPdf(input))
    port.postMessage({ id, bytes } satisfies RenderAnswer, [bytes.buffer])
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    port.postMessage({ id, error: message } satisfies RenderAnswer)
  }
})
