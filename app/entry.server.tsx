import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceContext } from './utils/nonce'

const ABORT_DELAY = 5_000

/**
 * Renders the whole page, then sends it as one body. Clearance's pages load
 * all their data before rendering (no deferred data; the only Suspense
 * boundary of our own, around the charts, mounts after hydration), so
 * streaming sent the same bytes in more pieces through more stream layers:
 * measured, 6-8 ms more per page (docs/decisions/090-whole-page-render.md).
 * The streaming renderer is still the one used, because Remix writes the
 * loader data for hydration from inside Suspense boundaries, which
 * `renderToString` would leave empty.
 *
 * The CSP nonce from the HTTP server reaches every script tag React and
 * Remix write; no other inline script can run.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const chunks: Buffer[] = []
    const page = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk)
        done()
      },
      final(done) {
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
        if (!responseHeaders.has('Cache-Control'))
          responseHeaders.set('Cache-Control', 'no-store')
        resolve(
          new Response(Buffer.concat(chunks), {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        )
        done()
      },
    })
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true
        },
        onAllReady() {
          clearTimeout(timer)
          pipe(page)
        },
        onShellError(error: unknown) {
          clearTimeout(timer)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the shell reach onShellError, and Remix logs them.
          if (shellRendered) console.error(error)
        },
      },
    )
    // React starts rendering on a later turn, so the callbacks above run
    // after this line.
    const timer = setTimeout(abort, ABORT_DELAY)
  })
}
