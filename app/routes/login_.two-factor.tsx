import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  useActionData,
  useLoaderData,
  useSearchParams,
} from '@remix-run/react'
import { z } from 'zod'
import { buttonClass, Field } from '~/components/field'
import { completeSecondFactor } from '~/models/session.server'
import {
  checkTotpCode,
  countUnusedRecoveryCodes,
  spendRecoveryCode,
} from '~/models/two-factor.server'
import { recordLogin } from '~/models/user.server'
import {
  assertSameOrigin,
  getPendingSession,
  serializeSessionCookie,
} from '~/utils/auth.server'
import { CSRF_FIELD } from '~/utils/forms'
import { readForm } from '~/utils/forms.server'
import {
  clearAccountFailures,
  loginRetryAfter,
  recordFailedLogin,
} from '~/utils/login-limits.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { safeRedirect } from '~/utils/redirect'
import { getDb } from '#db/client.server'

// The file is `login_.two-factor` so the page is not nested inside the
// sign-in page's layout (which has no outlet); the URL is /login/two-factor.
// A document POST only sends the headers this returns: pass Retry-After on.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export const meta: MetaFunction = () => [
  { title: 'Two-factor sign-in · Clearance' },
]

const CodeSchema = z.object({
  code: z.string().trim().min(1, 'Enter a code.').max(40),
  redirectTo: z.string().max(2000).optional(),
})

export function loader({ request }: LoaderFunctionArgs) {
  const session = getPendingSession(request)
  if (!session) return redirect('/login')
  // The root loader hands out no CSRF token to a half-signed-in session,
  // so this page carries its own.
  return { csrf: session.csrfToken }
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context)
  const session = getPendingSession(request)
  if (!session) return redirect('/login')
  const form = Object.fromEntries(await readForm(request, session))
  const parsed = CodeSchema.safeParse(form)
  if (!parsed.success)
    return data(
      { error: 'Enter the 6-digit code or a recovery code.' },
      { status: 400 },
    )
  const user = session.user
  const log = {
    requestId: context.requestId,
    clientIp: context.clientIp,
    route: '/login/two-factor',
    userId: user.id,
  }

  const wait = await loginRetryAfter(user.email, context.clientIp)
  if (wait > 0) {
    logSecurityEvent('login_rate_limited', 'denied', log, { step: 'totp' })
    return data(
      { error: `Too many failed attempts. Try again in ${wait} seconds.` },
      { status: 429, headers: { 'Retry-After': String(wait) } },
    )
  }

  const db = getDb()
  const code = parsed.data.code
  const method = /^[\d\s]+$/.test(code) ? 'totp' : 'recovery_code'
  const ok =
    method === 'totp'
      ? checkTotpCode(db, user.id, code)
      : spendRecoveryCode(db, user.id, code)
  if (!ok) {
    await recordFailedLogin(user.email, context.clientIp)
    logSecurityEvent('login_second_factor_failed', 'failure', log, { method })
    return data({ error: 'That code is not right.' }, { status: 401 })
  }

  await clearAccountFailures(user.email)
  const token = completeSecondFactor(db, session.id)
  recordLogin(db, user.id)
  logSecurityEvent('login', 'success', log, {
    method,
    ...(method === 'recovery_code'
      ? { recoveryCodesLeft: countUnusedRecoveryCodes(db, user.id) }
      : {}),
  })
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { 'Set-Cookie': serializeSessionCookie(token) },
  })
}

export default function TwoFactorLogin() {
  const { csrf } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? '/'
  return (
    <div className="mx-auto mt-8 max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold">Two-factor sign-in</h1>
      <p className="mt-2 text-sm text-slate-700">
        Enter the 6-digit code from your authenticator app, or one of your
        recovery codes.
      </p>
      <Form method="post" className="mt-4 flex flex-col gap-4" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label="Code"
          name="code"
          autoComplete="one-time-code"
          inputMode="text"
          required
          autoFocus
          error={actionData?.error}
        />
        <button type="submit" className={buttonClass}>
          Verify
        </button>
      </Form>
    </div>
  )
}
