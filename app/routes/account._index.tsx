import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { AccountNav } from '~/components/account-nav'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass, Field } from '~/components/field'
import { PasswordSchema } from '~/domain/password-policy'
import { changeOwnPassword } from '~/models/account-admin.server'
import { verifyUserPassword } from '~/models/user.server'
import { requireUser } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { loginRetryAfter, recordFailedLogin } from '~/utils/login-limits.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

// A document POST only sends the headers this returns: pass Retry-After on.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export const meta: MetaFunction = () => [{ title: 'Your account · Clearance' }]

const ChangePasswordSchema = z
  .object({
    current: z.string().min(1, 'Enter your current password.').max(1024),
    password: PasswordSchema,
    confirm: z.string(),
  })
  .refine((value) => value.password === value.confirm, {
    path: ['confirm'],
    message: 'The passwords do not match.',
  })

type FieldErrors = Partial<Record<'current' | 'password' | 'confirm', string[]>>

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)

  return { user }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requireUser(request, context)
  const form = Object.fromEntries(await readForm(request, session))
  const log = {
    requestId: context.requestId,
    clientIp: context.clientIp,
    route: '/account',
    userId: user.id,
  }

  const parsed = ChangePasswordSchema.safeParse(form)
  if (!parsed.success) {
    const fieldErrors: FieldErrors = z.flattenError(parsed.error).fieldErrors
    return data({ fieldErrors, done: false }, { status: 400 })
  }

  // Guessing the current password from a stolen session meets the same
  // per-account limit as the sign-in form.
  const wait = await loginRetryAfter(user.email, context.clientIp)
  const db = getDb()
  if (
    wait > 0 ||
    !(await verifyUserPassword(db, user.id, parsed.data.current))
  ) {
    if (wait === 0) await recordFailedLogin(user.email, context.clientIp)
    logSecurityEvent('password_change_failed', 'failure', log)
    const fieldErrors: FieldErrors = {
      current: [
        wait > 0
          ? `Too many attempts. Try again in ${wait} seconds.`
          : 'This is not your current password.',
      ],
    }
    return data({ fieldErrors, done: false }, { status: wait > 0 ? 429 : 400 })
  }

  const ended = await changeOwnPassword(
    db,
    {
      id: user.id,
      label: user.email,
      ipAddress: context.clientIp,
      requestId: context.requestId,
    },
    session.id,
    parsed.data.password,
  )
  logSecurityEvent('password_changed', 'success', log, {
    otherSessionsEnded: ended,
  })
  return { fieldErrors: {} as FieldErrors, done: true }
}

export default function Account() {
  const { user } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.fieldErrors ?? {}
  return (
    <div>
      <h1 className="text-2xl font-semibold">Your account</h1>
      <AccountNav />
      <dl className="mt-4 grid max-w-lg grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">Name</dt>
        <dd>{user.name}</dd>
        <dt className="font-medium">E-mail</dt>
        <dd>{user.email}</dd>
        <dt className="font-medium">Role</dt>
        <dd>{user.role}</dd>
        <dt className="font-medium">Two-factor</dt>
        <dd>
          {user.totpEnabledAt ? 'On' : 'Off'} ·{' '}
          <Link to="/account/two-factor" className="text-sky-800 underline">
            {user.totpEnabledAt ? 'Manage' : 'Set up'} two-factor
          </Link>
        </dd>
      </dl>

      <section
        aria-labelledby="password-heading"
        className="mt-6 max-w-md rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="password-heading" className="text-lg font-semibold">
          Change password
        </h2>
        {actionData?.done ? (
          <p
            role="status"
            className="mt-2 rounded bg-green-50 p-3 text-sm text-green-900"
          >
            Your password was changed. Your other sessions were signed out.
          </p>
        ) : null}
        <Form method="post" className="mt-3 flex flex-col gap-4" noValidate>
          <CsrfInput />
          <Field
            label="Current password"
            name="current"
            type="password"
            autoComplete="current-password"
            required
            error={errors.current?.[0]}
          />
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 8 characters; common passwords are refused."
            error={errors.password?.[0]}
          />
          <Field
            label="Repeat the new password"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={errors.confirm?.[0]}
          />
          <button type="submit" className={buttonClass}>
            Change password
          </button>
        </Form>
      </section>
    </div>
  )
}
