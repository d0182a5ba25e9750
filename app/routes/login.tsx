import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { buttonClass, Field } from '~/components/field'
import { createSession } from '~/models/session.server'
import { normaliseEmail, verifyLogin } from '~/models/user.server'
import {
  assertSameOrigin,
  getUser,
  serializeSessionCookie,
  sessionTimeouts,
} from '~/utils/auth.server'
import {
  clearAccountFailures,
  loginRetryAfter,
  recordFailedLogin,
} from '~/utils/login-limits.server'
import { readFormBody } from '~/utils/forms.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { safeRedirect } from '~/utils/redirect'
import { getDb } from '#db/client.server'
import { users } from '#db/schema/accounts'

// A document POST only sends the headers this returns: pass Retry-After on.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export const meta: MetaFunction = () => [{ title: 'Sign in · Clearance' }]

const LoginSchema = z.object({
  email: z.string().trim().min(1, 'Enter your e-mail address.').max(254),
  // Passwords are compared exactly: no trimming.
  password: z.string().min(1, 'Enter your password.').max(1024),
  redirectTo: z.string().max(2000).optional(),
})

export function loader({ request }: LoaderFunctionArgs) {
  if (getUser(request)) return redirect('/')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context)
  const form = Object.fromEntries(await readFormBody(request))
  const parsed = LoginSchema.safeParse(form)
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors
    return data(
      { formError: null, fieldErrors, email: String(form.email ?? '') },
      { status: 400 },
    )
  }
  const { email, password } = parsed.data
  const account = normaliseEmail(email)
  const log = {
    requestId: context.requestId,
    clientIp: context.clientIp,
    route: '/login',
  }

  const wait = await loginRetryAfter(account, context.clientIp)
  if (wait > 0) {
    logSecurityEvent('login_rate_limited', 'denied', log, { account })
    return data(
      {
        formError: `Too many failed sign-ins. Try again in ${wait} seconds.`,
        fieldErrors: {},
        email,
      },
      { status: 429, headers: { 'Retry-After': String(wait) } },
    )
  }

  const db = getDb()
  const user = await verifyLogin(db, account, password)
  if (!user) {
    await recordFailedLogin(account, context.clientIp)
    logSecurityEvent('login_failed', 'failure', log, { account })
    return data(
      {
        formError: 'The e-mail or password is not right.',
        fieldErrors: {},
        email,
      },
      { status: 401 },
    )
  }

  await clearAccountFailures(account)
  const needsSecondFactor = user.totpEnabledAt !== null
  const token = createSession(
    db,
    {
      userId: user.id,
      pendingSecondFactor: needsSecondFactor,
      ipAddress: context.clientIp,
      userAgent: request.headers.get('User-Agent'),
    },
    sessionTimeouts(),
  )
  const target = safeRedirect(parsed.data.redirectTo)
  if (needsSecondFactor) {
    logSecurityEvent('login_password_ok', 'info', { ...log, userId: user.id })
    return redirect(
      `/login/two-factor?redirectTo=${encodeURIComponent(target)}`,
      {
        headers: { 'Set-Cookie': serializeSessionCookie(token) },
      },
    )
  }
  db.update(users)
    .set({ lastLoginAt: new Date().toISOString() })
    .where(eq(users.id, user.id))
    .run()
  logSecurityEvent('login', 'success', { ...log, userId: user.id })
  const landing = target
  return redirect(landing, {
    headers: { 'Set-Cookie': serializeSessionCookie(token) },
  })
}

export default function Login() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const fieldErrors = (actionData?.fieldErrors ?? {}) as Record<
    string,
    string[] | undefined
  >
  return (
    <div className="mx-auto mt-8 max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <Form method="post" className="mt-4 flex flex-col gap-4" noValidate>
        <input
          type="hidden"
          name="redirectTo"
          value={searchParams.get('redirectTo') ?? '/'}
        />
        {actionData?.formError ? (
          <p
            role="alert"
            className="rounded bg-red-50 p-3 text-sm text-red-900"
          >
            {actionData.formError}
          </p>
        ) : null}
        <Field
          label="E-mail"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={actionData?.email ?? ''}
          error={fieldErrors.email?.[0]}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password?.[0]}
        />
        <button type="submit" className={buttonClass}>
          Sign in
        </button>
      </Form>
    </div>
  )
}
