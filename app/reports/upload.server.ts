import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import type { ActiveSession } from '~/models/session.server'
import { CSRF_FIELD } from '~/utils/forms'
import { fail } from '~/utils/http.server'
import { logSecurityEvent, requestLog } from '~/utils/logger.server'
import { safeEqual } from '~/utils/secrets.server'

/**
 * Reads a multipart form with files held in memory up to `maxBytes`, then
 * checks its CSRF token like readForm. Too large a file gives null, so the
 * page can say so instead of failing.
 */
export async function readUploadForm(
  request: Request,
  session: ActiveSession,
  maxBytes: number,
): Promise<FormData | null> {
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null
    fail(400, 'The upload could not be read. Choose the file again.')
  }
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

/** The uploaded file's text, or null when none was chosen. */
export async function fileText(form: FormData, field: string) {
  const file = form.get(field)
  if (!(file instanceof File) || file.size === 0) return null
  return { name: file.name, text: await file.text() }
}
