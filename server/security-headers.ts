import crypto from 'node:crypto'
import type { RequestHandler } from 'express'
import helmet from 'helmet'

/**
 * Headers on every answer. The Content-Security-Policy is enforced (not
 * report-only): scripts run only with this response's nonce; no plugin
 * content, no <base>, no framing. Styles may be set in `style` attributes
 * because charts position their parts that way; style sheets must still
 * come from this origin.
 */
export function securityHeaders(options: {
  development: boolean
  secure: boolean
}): RequestHandler[] {
  const assignNonce: RequestHandler = (_request, response, next) => {
    response.locals.cspNonce = crypto.randomBytes(16).toString('base64')
    next()
  }
  const nonce = (_request: unknown, response: unknown) =>
    `'nonce-${(response as { locals: { cspNonce: string } }).locals.cspNonce}'`
  return [
    assignNonce,
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", nonce],
          'style-src': options.development
            ? ["'self'", "'unsafe-inline'"]
            : ["'self'"],
          'style-src-attr': ["'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': options.development ? ["'self'", 'ws:'] : ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          'upgrade-insecure-requests': options.secure ? [] : null,
        },
      },
      strictTransportSecurity: options.secure
        ? { maxAge: 31_536_000, includeSubDomains: true }
        : false,
      referrerPolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginEmbedderPolicy: false,
      xPoweredBy: false,
    }),
  ]
}
