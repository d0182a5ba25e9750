import type { AppLoadContext } from '@remix-run/node'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import type { z } from 'zod'
import { getConfig } from '~/config.server'
import type { ApiScope } from '~/domain/api-scopes'
import { can, type Permission } from '~/domain/permissions'
import { checkApiToken } from '~/models/api-token.server'
import { findVisibleAssessment } from '~/models/assessment.server'
import type { SafeUser } from '~/models/user.server'
import { getDb } from '#db/client.server'
import {
  logPermissionDenied,
  logSecurityEvent,
  requestLog,
} from './logger.server'

/**
 * The JSON API under /api/v1. Every endpoint goes through `requireApi`:
 * a bearer token (never a cookie, never a query parameter), the scope the
 * endpoint needs, the owner's permission, and the per-token rate limit.
 * Errors are JSON with a stable `code` and a human `message`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

const baseHeaders = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
}

export function apiJson(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
) {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { ...baseHeaders, ...init.headers },
  })
}

export function apiErrorResponse(error: ApiError) {
  return apiJson(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    },
    { status: error.status, headers: error.headers },
  )
}

let limiter: RateLimiterMemory | undefined
function tokenLimiter() {
  limiter ??= new RateLimiterMemory({
    keyPrefix: 'api_token',
    points: getConfig().API_LIMIT_PER_MINUTE,
    duration: 60,
  })
  return limiter
}

export interface ApiCaller {
  user: SafeUser
  tokenId: number
  scopes: ApiScope[]
}

/** Authenticates the bearer token and checks scope, permission and rate. */
export async function requireApi(
  request: Request,
  context: AppLoadContext,
  scope: ApiScope,
  permission: Permission,
): Promise<ApiCaller> {
  const log = requestLog(request, context)
  if (
    new URL(request.url).searchParams.has('access_token') ||
    new URL(request.url).searchParams.has('token')
  )
    throw new ApiError(
      400,
      'token_in_query',
      'Send the token in the Authorization header, never in the URL.',
    )
  const header = request.headers.get('Authorization') ?? ''
  const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header)
  if (!match?.[1]) {
    logSecurityEvent('api_auth_failed', 'failure', log, { reason: 'missing' })
    throw new ApiError(
      401,
      'unauthorized',
      'A bearer token is required.',
      undefined,
      {
        'WWW-Authenticate': 'Bearer',
      },
    )
  }
  const check = checkApiToken(getDb(), match[1])
  if (!check.ok) {
    logSecurityEvent('api_auth_failed', 'failure', log, {
      reason: check.reason,
    })
    throw new ApiError(
      401,
      'unauthorized',
      `The token is ${check.reason === 'unknown' ? 'not valid' : check.reason}.`,
      undefined,
      {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      },
    )
  }
  try {
    await tokenLimiter().consume(String(check.tokenId))
  } catch (rejection) {
    const wait = Math.ceil(
      ((rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 1000,
    )
    logSecurityEvent(
      'api_rate_limited',
      'denied',
      { ...log, userId: check.user.id },
      { tokenId: check.tokenId },
    )
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests for this token; try again in ${wait} seconds.`,
      undefined,
      {
        'Retry-After': String(wait),
      },
    )
  }
  if (!check.scopes.includes(scope)) {
    logSecurityEvent(
      'api_scope_denied',
      'denied',
      { ...log, userId: check.user.id },
      { scope, tokenId: check.tokenId },
    )
    throw new ApiError(
      403,
      'insufficient_scope',
      `This token lacks the scope ${scope}.`,
    )
  }
  if (!can(check.user, permission)) {
    logPermissionDenied(request, context, check.user.id, {
      permission,
      tokenId: check.tokenId,
    })
    throw new ApiError(
      403,
      'forbidden',
      "The token's owner does not have permission to do this.",
    )
  }
  return { user: check.user, tokenId: check.tokenId, scopes: check.scopes }
}

/** The assessment named in the path, if the caller may see it; else 404. */
export function requireApiAssessment(
  caller: ApiCaller,
  slugOrId: string | undefined,
) {
  const assessment = slugOrId
    ? findVisibleAssessment(getDb(), caller.user, slugOrId)
    : undefined
  if (!assessment)
    throw new ApiError(
      404,
      'not_found',
      'There is no such assessment, or this token may not see it.',
    )
  return assessment
}

/** Parses a JSON body with a schema; names each bad field in `details`. */
export async function readJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<z.infer<T>> {
  const type = request.headers.get('Content-Type') ?? ''
  if (!/^application\/json\b/i.test(type))
    throw new ApiError(
      415,
      'unsupported_media_type',
      'Send the body as application/json.',
    )
  // Decoded strictly: invalid UTF-8 is refused, not stored as U+FFFD.
  let body: unknown
  try {
    const bytes = await request.arrayBuffer()
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new ApiError(
      400,
      'invalid_json',
      'The body is not valid JSON in UTF-8.',
    )
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    throw new ApiError(
      422,
      'validation_failed',
      'Some fields are not valid.',
      parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message: issue.message,
      })),
    )
  return parsed.data
}

/**
 * Wraps a loader or action body: ApiErrors become JSON answers, anything
 * else is logged by the server and answered as a generic 500.
 */
export async function handleApi(
  run: () => Promise<Response> | Response,
): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof ApiError) return apiErrorResponse(error)
    throw error
  }
}
