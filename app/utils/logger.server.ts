import pino from 'pino'

/**
 * The one logger: JSON lines on stdout. Fields that could carry secrets are
 * redacted by path, and free text is passed as fields, never concatenated
 * into the message, so a newline in user input cannot forge a log line.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'clearance' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      'password',
      '*.password',
      'token',
      '*.token',
      'cookie',
      '*.cookie',
      'authorization',
      '*.authorization',
      'headers.authorization',
      'headers.cookie',
    ],
    censor: '[redacted]',
  },
})

export interface RequestLogContext {
  requestId?: string
  clientIp?: string
  route?: string
  userId?: number | null
}

/** What the HTTP server tells about a request: its id and the client. */
type RequestOrigin = { requestId?: string; clientIp?: string }

const origins = new WeakMap<Request, RequestOrigin>()

/**
 * Remembers which request id and client address a request carries, for
 * code that is handed only the request (the form readers that refuse a
 * missing CSRF token), so its security lines say where they came from like
 * every other line. Held per request object and dropped with it.
 */
export function rememberRequestOrigin(
  request: Request,
  context: RequestOrigin | undefined,
) {
  if (context) origins.set(request, context)
}

/**
 * The fields a request's security lines share: request id, client address
 * (from `context`, else as remembered for this request), the path, and the
 * user when known. Routes whose path holds a secret (share links) name a
 * fixed route instead and do not use this.
 */
export function requestLog(
  request: Request,
  context?: RequestOrigin,
  userId?: number,
): RequestLogContext {
  const origin = context ?? origins.get(request)
  return {
    requestId: origin?.requestId,
    clientIp: origin?.clientIp,
    route: new URL(request.url).pathname,
    ...(userId === undefined ? {} : { userId }),
  }
}

/**
 * A security event (login, denial, token change, export...), one line each,
 * with who, from where, and the outcome.
 */
export function logSecurityEvent(
  event: string,
  outcome: 'success' | 'failure' | 'denied' | 'info',
  context: RequestLogContext,
  details: Record<string, unknown> = {},
) {
  logger.info({ kind: 'security', event, outcome, ...context, ...details })
}

/** A refusal for want of a permission, wherever it is decided. */
export function logPermissionDenied(
  request: Request,
  context: RequestOrigin | undefined,
  userId: number,
  details: Record<string, unknown>,
) {
  logSecurityEvent(
    'permission_denied',
    'denied',
    requestLog(request, context, userId),
    details,
  )
}
