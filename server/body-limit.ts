import type { RequestHandler, Response } from 'express'

/**
 * Bounds request bodies. A declared Content-Length over the limit is
 * refused before anything is read. A body without one (chunked transfer
 * encoding) is counted as it arrives: once it passes the limit 413 is
 * answered, the rest is read and dropped, and the request stream then
 * fails, so the action that was reading it throws instead of acting on a
 * cut-off body.
 */
export function bodyLimit(limitFor: (path: string) => number): RequestHandler {
  return (request, response, next) => {
    const limit = limitFor(request.path)
    const declared = request.headers['content-length']
    if (declared !== undefined) {
      if (Number(declared) > limit) refuse(response, limit)
      else next()
      return
    }

    let received = 0
    const push = request.push.bind(request)
    request.push = ((
      chunk: Buffer | string | null,
      encoding?: BufferEncoding,
    ) => {
      if (chunk !== null) {
        received += Buffer.byteLength(chunk)
        if (received > limit) {
          refuse(response, limit)
          // Read and drop the rest, so the client finishes sending and then
          // reads the 413; only at the end fail the stream under the action.
          request.push = ((rest: unknown) => {
            if (rest === null) {
              const fail = () =>
                request.destroy(new Error('Request body over the limit'))
              if (response.writableFinished) fail()
              else response.once('finish', fail)
            }
            return true
          }) as typeof request.push
          return true
        }
      }
      return push(chunk, encoding)
    }) as typeof request.push
    next()
  }
}

function refuse(response: Response, limit: number) {
  response.locals.bodyRefused = true
  if (response.headersSent) return
  response.status(413).json({
    error: {
      code: 'payload_too_large',
      message: `The body is larger than ${limit} bytes.`,
    },
  })
}
