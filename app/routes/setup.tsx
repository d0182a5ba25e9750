import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { buttonClass, Field } from '~/components/field'
import { PasswordSchema } from '~/domain/password-policy'
import { appendAudit } from '~/models/audit.server'
import { createSession } from '~/models/session.server'
import { deleteSetupToken, isValidSetupToken } from '~/models/setup.server'
import { createUser } from '~/models/user.server'
import {
  assertSameOrigin,
  serializeSessionCookie,
  sessionTimeouts,
} from '~/utils/auth.server'
import { fail } from '~/utils/http.server'
import { readFormBody } from '~/utils/forms.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'Set up Clearance' }]

const SetupSchema = z
  .object({
    token: z.string().min(1).max(200),
    name: z.string().trim().min(1, 'Enter your name.').max(120),
    email: z.email('Enter a valid e-mail address.').max(254),
    password: PasswordSchema,
    confirm: z.string(),
  })
  .refine((value) => value.password === value.confirm, {
    path: ['confirm'],
    message: 'The passwords do not match.',
  })

export function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  if (!isValidSetupToken(getDb(), token))
    fail(
      404,
      'This setup link is not valid: it was used, it expired, or it was mistyped.',
    )
  return { token }
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context)
  const form = Object.fromEntries(await readFormBody(request))
  const parsed = SetupSchema.safeParse(form)
  const db = getDb()
  if (!isValidSetupToken(db, String(form.token ?? '')))
    fail(
      404,
      'This setup link is not valid: it was used, it expired, or it was mistyped.',
    )
  if (!parsed.success)
    return data(
      {
        fieldErrors: z.flattenError(parsed.error).fieldErrors,
        values: {
          name: String(form.name ?? ''),
          email: String(form.email ?? ''),
        },
      },
      { status: 400 },
    )
  const { name, email, password } = parsed.data
  const admin = await createUser(db, { name, email, role: 'admin', password })
  db.transaction((tx) => {
    deleteSetupToken(tx)
    appendAudit(tx, {
      actorId: admin.id,
      actorLabel: admin.email,
      action: 'user.created',
      entityType: 'user',
      entityId: admin.id,
      after: {
        email: admin.email,
        name: admin.name,
        role: admin.role,
        via: 'setup link',
      },
      ipAddress: context.clientIp,
      requestId: context.requestId,
    })
  })
  logSecurityEvent('first_admin_created', 'success', {
    requestId: context.requestId,
    clientIp: context.clientIp,
    route: '/setup',
    userId: admin.id,
  })
  const token = createSession(
    db,
    {
      userId: admin.id,
      pendingSecondFactor: false,
      ipAddress: context.clientIp,
      userAgent: request.headers.get('User-Agent'),
    },
    sessionTimeouts(),
  )
  return redirect('/assessments', {
    headers: { 'Set-Cookie': serializeSessionCookie(token) },
  })
}

export default function Setup() {
  const { token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = (actionData?.fieldErrors ?? {}) as Record<
    string,
    string[] | undefined
  >
  return (
    <div className="mx-auto mt-8 max-w-md rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold">Create the first administrator</h1>
      <p className="mt-2 text-sm text-slate-700">
        Clearance has no accounts yet. This one-time link creates the first
        admin; it stops working as soon as the account exists.
      </p>
      <Form method="post" className="mt-4 flex flex-col gap-4" noValidate>
        <input type="hidden" name="token" value={token} />
        <Field
          label="Name"
          name="name"
          autoComplete="name"
          required
          defaultValue={actionData?.values.name}
          error={errors.name?.[0]}
        />
        <Field
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={actionData?.values.email}
          error={errors.email?.[0]}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters; common passwords are refused."
          error={errors.password?.[0]}
        />
        <Field
          label="Repeat the password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirm?.[0]}
        />
        <button type="submit" className={buttonClass}>
          Create administrator
        </button>
      </Form>
    </div>
  )
}
