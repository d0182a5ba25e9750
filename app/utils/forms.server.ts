import type { ActiveSession } from '~/models/session.server'
import { fail } from './http.server'
import { logSecurityEvent, requestLog } from './logger.server'
import { CSRF_FIELD } from './forms'
import { safeEqual } from './secrets.server'

/**
 * The request's form fields. A body of a form type that does not parse (a
 * broken multipart boundary, say) is the client's mistake: 400, where
 * `request.formData()` alone would throw and answer 500.
 */
export async function readFormBody(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    fail(400, 'The form could not be read. Send it again.')
  }
}

/**
 * Reads a form and checks its CSRF token against the session's. Every
 * action that changes state reads its form through here; the origin check
 * in requireUser is the first line, this token the second.
 */
export async function readForm(
  request: Request,
  session: ActiveSession,
): Promise<FormData> {
  const form = await readFormBody(request)
  const token = form.get(CSRF_FIELD)
  if (typeof token !== 'string' || !safeEqual(token, session.csrfToken)) {
    logSecurityEvent(
      'csrf_token_invalid',
      'denied',
      requestLog(request, undefined, session.user.id),
    )
    fail(403, 'This form has expired. Reload the page and try again.')
  }
  return form
}
