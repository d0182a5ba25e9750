import type { Request, RequestHandler, Response } from 'express'

const formTypes =
  /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i

/**
 * Page actions read their body with `request.formData()`, which throws on
 * any type other than a form, a missing type included, and the throw
 * surfaces as a 500. So every non-GET request to a page must declare a
 * form type; others are answered 415 here.
 *
 * A refused body that arrives chunked (no Content-Length) is read to its
 * end before the 415, so the body limit mounted ahead of this still counts
 * it and answers 413 when it is too large; an early answer would also let
 * the client's remaining writes fail with a reset instead of a status.
 */
export function formBodiesOnly(): RequestHandler {
  return (request, response, next) => {
    if (
      request.method === 'GET' ||
      request.method === 'HEAD' ||
      request.path.startsWith('/api/') ||
      formTypes.test(request.headers['content-type'] ?? '')
    )
      return next()

    const chunked =
      request.headers['content-length'] === undefined &&
      request.headers['transfer-encoding'] !== undefined
    if (!chunked) return refuse(request, response)
    request.on('data', () => undefined)
    request.on('end', () => refuse(request, response))
    // The body limit fails the stream once its 413 is out; nothing to add.
    request.on('error', () => undefined)
  }
}

function refuse(request: Request, response: Response) {
  if (response.headersSent) return
  response.status(415).json({
    error: {
      code: 'unsupported_media_type',
      message:
        request.headers['content-type'] === undefined
          ? 'The request has no Content-Type; send forms as application/x-www-form-urlencoded or multipart/form-data.'
          : 'Send forms as application/x-www-form-urlencoded or multipart/form-data.',
    },
  })
}
