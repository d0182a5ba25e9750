import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { logger } from '~/utils/logger.server'
import type { RenderAnswer, RenderRequest } from './pdf-worker'
import type { ReportInput } from './report-document'

/**
 * Renders sign-off PDFs on one worker thread, one at a time, in the order
 * asked. react-pdf lays a document out synchronously (seconds for a
 * 2,000-finding report); on the main thread that would stall every other
 * request meanwhile. One worker is enough on the two cores Clearance is
 * sized for: a second would take the core the server itself needs.
 *
 * The worker runs the TypeScript source through tsx, like the server (see
 * pdf-worker-entry.mjs), so the path is relative to the project directory
 * the server runs in, as are the build and the migrations.
 */
const WORKER_FILE = path.resolve('app/reports/pdf-worker-entry.mjs')

/** A render still running after this long is stopped and reported. */
const RENDER_TIMEOUT_MS = 120_000

interface Pending {
  request: RenderRequest
  onStart: () => void
  resolve: (bytes: Uint8Array) => void
  reject: (error: Error) => void
}

let worker: Worker | null = null
let current: (Pending & { timer: NodeJS.Timeout }) | null = null
const queue: Pending[] = []
let nextId = 1

function startWorker(): Worker {
  const started = new Worker(WORKER_FILE, {
    // Layout allocates many short-lived objects; a larger young
    // generation halves the time spent in garbage collection.
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  })
  started.unref()
  started.on('message', (answer: RenderAnswer) => {
    if (!current || current.request.id !== answer.id) return
    const done = current
    current = null
    clearTimeout(done.timer)
    if ('error' in answer) done.reject(new Error(answer.error))
    else done.resolve(answer.bytes)
    startNext()
  })
  started.on('error', (error) => {
    logger.error(
      { event: 'pdf_worker_failed', err: error },
      'PDF worker failed',
    )
  })
  started.on('exit', () => {
    if (worker === started) worker = null
    if (current) {
      const lost = current
      current = null
      clearTimeout(lost.timer)
      lost.reject(new Error('The PDF renderer stopped before it finished.'))
    }
    startNext()
  })
  return started
}

function startNext() {
  if (current) return
  const next = queue.shift()
  if (!next) return
  worker ??= startWorker()
  const running = worker
  const timer = setTimeout(() => {
    logger.error(
      { event: 'pdf_render_timeout', timeoutMs: RENDER_TIMEOUT_MS },
      'PDF render took too long; restarting the renderer',
    )
    void running.terminate()
  }, RENDER_TIMEOUT_MS)
  current = { ...next, timer }
  next.onStart()
  running.postMessage(next.request)
}

/** How many renders are waiting before a new one would start. */
export function pdfQueueLength(): number {
  return queue.length + (current ? 1 : 0)
}

/**
 * The report as PDF bytes, laid out off the main thread. `onStart` is
 * called when the worker takes it up, after any renders queued before it.
 */
export function renderReportPdfOffThread(
  input: ReportInput,
  onStart: () => void = () => {},
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    queue.push({ request: { id: nextId++, input }, onStart, resolve, reject })
    startNext()
  })
}

/**
 * Starts the worker ahead of the first export, so that export does not
 * also pay for loading react-pdf (about a second).
 */
export function warmPdfRenderer(): void {
  worker ??= startWorker()
}

/** Stops the worker (tests and shutdown); the next render starts anew. */
export async function stopPdfRenderer(): Promise<void> {
  const running = worker
  worker = null
  if (running) await running.terminate()
}
