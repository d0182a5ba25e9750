import type { RequestHandler } from 'express'
import { logSecurityEvent } from '~/utils/logger.server'

/**
 * Refuses state-changing page requests sent by another site with 403,
 * before Remix sees them. The routes check the origin and the form token
 * too (docs/decisions/002-csrf.md); this layer exists because Remix's own
 * origin check answers such requests with a bare 500, which reads as a
 * fault rather than a refusal. The API is left to its bearer tokens and
 * CORS allow-list.
 */
export function refuseCrossSiteWrites(publicOrigin?: string): RequestHandler {
  const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
  return (request, response, next) => {
    if (!writes.has(request.method) || request.path.startsWith('/api/'))
      return next()
    const origin = request.headers.origin
    const fetchSite = request.headers['sec-fetch-site']
    const ownOrigin = `${request.protocol}://${request.get('host') ?? ''}`
    const foreignOrigin =
      origin !== undefined && origin !== ownOrigin && origin !== publicOrigin
    const crossSite =
      fetchSite !== undefined &&
      fetchSite !== 'same-origin' &&
      fetchSite !== 'none'
    if (!foreignOrigin && !crossSite) return next()
    logSecurityEvent(
      'csrf_refused',
      'denied',
      {
        requestId: response.locals.requestId as string,
        clientIp: request.ip,
        route: request.path,
      },
      { origin: origin ?? null, fetchSite: fetchSite ?? null },
    )
    response
      .status(403)
      .type('text/plain')
      .send('This request came from another site and was refused.')
  }
}
