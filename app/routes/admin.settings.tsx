import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass } from '~/components/field'
import { TWO_FACTOR_ROLES } from '~/domain/two-factor'
import { appendAudit } from '~/models/audit.server'
import {
  getRequiredTwoFactorRoles,
  REQUIRE_TWO_FACTOR_KEY,
  setRequiredTwoFactorRoles,
} from '~/models/settings.server'
import { requirePermission } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'Settings · Clearance' }]

const SettingsSchema = z.array(z.enum(TWO_FACTOR_ROLES))

export function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, 'manage:settings', context)

  return { required: getRequiredTwoFactorRoles(getDb()) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requirePermission(
    request,
    'manage:settings',
    context,
  )
  const form = await readForm(request, session)

  const roles = SettingsSchema.safeParse(form.getAll('requireTwoFactor'))
  if (!roles.success) return { saved: false }

  const db = getDb()
  db.transaction((tx) => {
    const before = getRequiredTwoFactorRoles(tx)
    setRequiredTwoFactorRoles(tx, roles.data)
    appendAudit(tx, {
      actorId: user.id,
      actorLabel: user.email,
      action: 'setting.changed',
      entityType: 'setting',
      entityId: REQUIRE_TWO_FACTOR_KEY,
      before,
      after: roles.data,
      ipAddress: context.clientIp,
      requestId: context.requestId,
    })
  })
  logSecurityEvent(
    'setting_changed',
    'success',
    {
      requestId: context.requestId,
      clientIp: context.clientIp,
      route: '/admin/settings',
      userId: user.id,
    },
    { key: REQUIRE_TWO_FACTOR_KEY, value: roles.data },
  )
  return { saved: true }
}

export default function AdminSettings() {
  const { required } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div>
      <h2 className="text-xl font-semibold">Settings</h2>
      {actionData?.saved ? (
        <p
          role="status"
          className="mt-3 rounded bg-green-50 p-3 text-sm text-green-900"
        >
          Settings saved.
        </p>
      ) : null}
      <Form
        method="post"
        className="mt-3 max-w-lg rounded border border-slate-200 bg-white p-4"
      >
        <CsrfInput />
        <fieldset>
          <legend className="font-medium">
            Require two-factor sign-in for
          </legend>
          <p className="text-sm text-slate-700">
            Users of these roles without two-factor are sent to set it up before
            they can do anything else.
          </p>
          {TWO_FACTOR_ROLES.map((role) => (
            <label key={role} className="mt-2 flex items-center gap-2">
              <input
                type="checkbox"
                name="requireTwoFactor"
                value={role}
                defaultChecked={required.includes(role)}
              />
              {role}
            </label>
          ))}
        </fieldset>
        <button type="submit" className={`${buttonClass} mt-4`}>
          Save settings
        </button>
      </Form>
    </div>
  )
}
