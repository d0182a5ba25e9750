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

const origins = new WeakMap<Request, RequestLogContext>()

/**
 * Remembers which request id and client address a request carries, for
 * code that is handed only the request (the form readers that refuse a
 * missing CSRF token), so its security lines say where they came from like
 * every other line. Held per request object and dropped with it.
 */
export function rememberRequestOrigin(
  request: Request,
  context: { requestId?: string; clientIp?: string } | undefined,
) {
  if (context)
    origins.set(request, {
      requestId: context.requestId,
      clientIp: context.clientIp,
    })
}

/** The request id and client address remembered for this request, if any. */
export function requestOrigin(request: Request): RequestLogContext {
  return origins.get(request) ?? {}
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
