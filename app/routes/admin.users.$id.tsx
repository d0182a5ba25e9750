import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass } from '~/components/field'
import {
  changeUserRole,
  disableUser,
  enableUser,
  endUserSessions,
  resetUserTwoFactor,
} from '~/models/account-admin.server'
import { countUserSessions } from '~/models/session.server'
import { getUserById } from '~/models/user.server'
import { requirePermission } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { fail } from '~/utils/http.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'
import { ROLES } from '#db/schema/accounts'

export const meta: MetaFunction = () => [{ title: 'User · Clearance' }]

const ActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('change-role'), role: z.enum(ROLES) }),
  z.object({ intent: z.literal('disable') }),
  z.object({ intent: z.literal('enable') }),
  z.object({ intent: z.literal('end-sessions') }),
  z.object({ intent: z.literal('reset-two-factor') }),
])

function requireTarget(id: string | undefined) {
  const userId = Number(id)
  const target = Number.isInteger(userId)
    ? getUserById(getDb(), userId)
    : undefined
  if (!target) fail(404, 'There is no such user.')
  return target
}

export function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, 'manage:users', context)
  const target = requireTarget(params.id)

  return { target, sessions: countUserSessions(getDb(), target.id) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session } = requirePermission(request, 'manage:users', context)
  const target = requireTarget(params.id)
  const parsed = ActionSchema.safeParse(
    Object.fromEntries(await readForm(request, session)),
  )
  if (!parsed.success)
    return data({ message: 'Unknown action.' }, { status: 400 })
  const input = parsed.data
  // An admin cannot lock themselves out: another admin must do it.
  if (target.id === user.id && input.intent !== 'end-sessions')
    return data(
      { message: 'You cannot change your own role or disable yourself.' },
      { status: 400 },
    )

  const db = getDb()
  const actor = {
    id: user.id,
    label: user.email,
    ipAddress: context.clientIp,
    requestId: context.requestId,
  }
  const log = {
    requestId: context.requestId,
    clientIp: context.clientIp,
    route: `/admin/users/${target.id}`,
    userId: user.id,
  }
  let message: string
  if (input.intent === 'change-role') {
    changeUserRole(db, actor, target.id, input.role)
    logSecurityEvent('user_role_changed', 'success', log, {
      targetUserId: target.id,
      from: target.role,
      to: input.role,
    })
    message = `Role changed to ${input.role}.`
  } else if (input.intent === 'disable') {
    disableUser(db, actor, target.id)
    logSecurityEvent('user_disabled', 'success', log, {
      targetUserId: target.id,
    })
    message = 'The user was disabled; their sessions and tokens no longer work.'
  } else if (input.intent === 'enable') {
    enableUser(db, actor, target.id)
    logSecurityEvent('user_enabled', 'success', log, {
      targetUserId: target.id,
    })
    message = 'The user was enabled. Revoked tokens stay revoked.'
  } else if (input.intent === 'reset-two-factor') {
    resetUserTwoFactor(db, actor, target.id)
    logSecurityEvent('user_two_factor_reset', 'success', log, {
      targetUserId: target.id,
    })
    message = 'Two-factor was turned off and their sessions ended.'
  } else {
    const ended = endUserSessions(db, actor, target.id)
    logSecurityEvent('user_sessions_ended', 'success', log, {
      targetUserId: target.id,
      sessionsEnded: ended,
    })
    message = `${ended} session(s) ended.`
  }
  return { message }
}

export default function AdminUser() {
  const { target, sessions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div>
      <p className="text-sm">
        <Link to="/admin" className="text-sky-800 underline">
          Users
        </Link>{' '}
        / {target.name}
      </p>
      <h2 className="mt-1 text-xl font-semibold">{target.name}</h2>
      {actionData?.message ? (
        <p role="status" className="mt-3 rounded bg-slate-100 p-3 text-sm">
          {actionData.message}
        </p>
      ) : null}
      <dl className="mt-3 grid max-w-lg grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">E-mail</dt>
        <dd>{target.email}</dd>
        <dt className="font-medium">Role</dt>
        <dd>{target.role}</dd>
        <dt className="font-medium">State</dt>
        <dd>
          {target.disabledAt ? `disabled since ${target.disabledAt}` : 'active'}
        </dd>
        <dt className="font-medium">Two-factor</dt>
        <dd>{target.totpEnabledAt ? 'on' : 'off'}</dd>
        <dt className="font-medium">Open sessions</dt>
        <dd>{sessions}</dd>
      </dl>

      <div className="mt-6 flex flex-col gap-6 sm:flex-row sm:flex-wrap">
        <Form method="post" className="flex items-end gap-2">
          <CsrfInput />
          <input type="hidden" name="intent" value="change-role" />
          <div className="flex flex-col gap-1">
            <label htmlFor="role" className="text-sm font-medium">
              Role
            </label>
            <select
              id="role"
              name="role"
              defaultValue={target.role}
              className="rounded border border-slate-400 px-3 py-2"
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass}>
            Change role
          </button>
        </Form>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="end-sessions" />
          <button type="submit" className={buttonClass}>
            End sessions
          </button>
        </Form>
        {target.totpEnabledAt ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="reset-two-factor" />
            <button type="submit" className={buttonClass}>
              Reset two-factor
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <CsrfInput />
          <input
            type="hidden"
            name="intent"
            value={target.disabledAt ? 'enable' : 'disable'}
          />
          <button
            type="submit"
            className="rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
          >
            {target.disabledAt ? 'Enable user' : 'Disable user'}
          </button>
        </Form>
      </div>
    </div>
  )
}
