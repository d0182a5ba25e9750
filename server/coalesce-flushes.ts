import type { RequestHandler } from 'express'

/**
 * Remix flushes the response after every chunk of the body it forwards,
 * and React writes a page in chunks of about 2 kB. Behind compression each
 * flush ends a deflate block and goes out as its own write: a 96 kB page
 * left as 27 kB of gzip in dozens of writes, where one flush gives 11 kB.
 *
 * Flushes asked for within one turn of the event loop are merged into one,
 * made once that turn's writes are done, so a part of a page streamed later
 * (a deferred answer) still leaves as soon as it is written. Must come
 * after the compression middleware, which defines `flush`.
 */
export const coalesceFlushes: RequestHandler = (_request, response, next) => {
  const flushable = response as typeof response & { flush?: () => void }
  const flush = flushable.flush?.bind(response)
  if (flush) {
    let scheduled = false
    flushable.flush = () => {
      if (scheduled) return
      scheduled = true
      setImmediate(() => {
        scheduled = false
        flush()
      })
    }
  }
  next()
}
