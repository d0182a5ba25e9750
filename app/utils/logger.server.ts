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
