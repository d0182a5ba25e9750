import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass, Field } from '~/components/field'
import { PasswordSchema } from '~/domain/password-policy'
import { createUserAudited } from '~/models/account-admin.server'
import {
  generatePassword,
  getUserByEmail,
  listUsersForAdmin,
} from '~/models/user.server'
import { requirePermission } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'
import { ROLES } from '#db/schema/accounts'

export const meta: MetaFunction = () => [{ title: 'Users · Clearance' }]

const CreateUserSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(120),
  email: z.email('Enter a valid e-mail address.').max(254),
  role: z.enum(ROLES, { error: 'Choose a role.' }),
  // Blank: Clearance generates one and shows it once.
  password: z.union([z.literal(''), PasswordSchema]),
})

type FieldErrors = Partial<
  Record<'name' | 'email' | 'role' | 'password', string[]>
>

export function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, 'manage:users', context)

  return { users: listUsersForAdmin(getDb()) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requirePermission(request, 'manage:users', context)
  const form = Object.fromEntries(await readForm(request, session))
  const values = {
    name: String(form.name ?? ''),
    email: String(form.email ?? ''),
    role: String(form.role ?? ''),
  }

  const parsed = CreateUserSchema.safeParse(form)
  if (!parsed.success) {
    const fieldErrors: FieldErrors = z.flattenError(parsed.error).fieldErrors
    return data({ fieldErrors, values, created: null }, { status: 400 })
  }
  const db = getDb()
  if (getUserByEmail(db, parsed.data.email)) {
    const fieldErrors: FieldErrors = {
      email: ['A user with this e-mail address already exists.'],
    }
    return data({ fieldErrors, values, created: null }, { status: 409 })
  }

  const generated = parsed.data.password === ''
  const password = generated ? generatePassword() : parsed.data.password
  const created = await createUserAudited(
    db,
    {
      id: user.id,
      label: user.email,
      ipAddress: context.clientIp,
      requestId: context.requestId,
    },
    { ...parsed.data, password },
  )
  logSecurityEvent(
    'user_created',
    'success',
    {
      requestId: context.requestId,
      clientIp: context.clientIp,
      route: '/admin',
      userId: user.id,
    },
    { targetUserId: created.id, role: created.role },
  )
  return {
    fieldErrors: {} as FieldErrors,
    values: null,
    created: {
      email: created.email,
      password: generated ? password : null,
    },
  }
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.fieldErrors ?? {}
  const values = actionData?.values
  return (
    <div>
      <h2 className="text-xl font-semibold">Users</h2>
      {actionData?.created ? (
        <div
          role="status"
          className="mt-3 rounded border border-amber-300 bg-amber-50 p-4"
        >
          <p>{actionData.created.email} was created.</p>
          {actionData.created.password ? (
            <p className="mt-1">
              Their password, shown only this once:{' '}
              <span className="font-mono" data-testid="generated-password">
                {actionData.created.password}
              </span>
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="mt-3 overflow-x-auto">
        <table className="min-w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-2">
                Name
              </th>
              <th scope="col" className="p-2">
                E-mail
              </th>
              <th scope="col" className="p-2">
                Role
              </th>
              <th scope="col" className="p-2">
                Two-factor
              </th>
              <th scope="col" className="p-2">
                State
              </th>
              <th scope="col" className="p-2">
                Last sign-in (UTC)
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((row) => (
              <tr key={row.id} className="border-b border-slate-200">
                <td className="p-2">
                  <Link
                    to={`/admin/users/${row.id}`}
                    className="text-sky-800 underline"
                  >
                    {row.name}
                  </Link>
                </td>
                <td className="p-2">{row.email}</td>
                <td className="p-2">{row.role}</td>
                <td className="p-2">{row.totpEnabledAt ? 'on' : 'off'}</td>
                <td className="p-2">
                  {row.disabledAt ? 'disabled' : 'active'}
                </td>
                <td className="p-2">
                  {row.lastLoginAt?.slice(0, 16).replace('T', ' ') ?? 'never'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section
        aria-labelledby="create-user-heading"
        className="mt-6 max-w-md rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="create-user-heading" className="text-lg font-semibold">
          Create a user
        </h2>
        <Form method="post" className="mt-3 flex flex-col gap-4" noValidate>
          <CsrfInput />
          <Field
            label="Name"
            name="name"
            required
            defaultValue={values?.name}
            error={errors.name?.[0]}
          />
          <Field
            label="E-mail"
            name="email"
            type="email"
            required
            defaultValue={values?.email}
            error={errors.email?.[0]}
          />
          <div className="flex flex-col gap-1">
            <label
              htmlFor="role"
              className="text-sm font-medium text-slate-800"
            >
              Role
            </label>
            <select
              id="role"
              name="role"
              defaultValue={values?.role ?? 'engineer'}
              aria-invalid={errors.role ? true : undefined}
              className="rounded border border-slate-400 px-3 py-2"
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Password (optional)"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="Leave blank to generate one, shown once."
            error={errors.password?.[0]}
          />
          <button type="submit" className={buttonClass}>
            Create user
          </button>
        </Form>
      </section>
    </div>
  )
}
