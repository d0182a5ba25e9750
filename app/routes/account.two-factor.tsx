import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import { z } from 'zod'
import { AccountNav } from '~/components/account-nav'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass, Field } from '~/components/field'
import { mustSetUpTwoFactor } from '~/domain/two-factor'
import { getRequiredTwoFactorRoles } from '~/models/settings.server'
import {
  checkTotpCode,
  countUnusedRecoveryCodes,
  disableTotp,
  enableTotp,
  regenerateRecoveryCodes,
  startTotpSetup,
} from '~/models/two-factor.server'
import { verifyUserPassword } from '~/models/user.server'
import { requireUser } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [
  { title: 'Two-factor sign-in · Clearance' },
]

const ActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('enable'), code: z.string().max(20) }),
  z.object({ intent: z.literal('disable'), password: z.string().max(1024) }),
  z.object({
    intent: z.literal('regenerate-codes'),
    password: z.string().max(1024),
  }),
])

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const db = getDb()
  const required = getRequiredTwoFactorRoles(db).includes(user.role)

  if (user.totpEnabledAt)
    return {
      enabled: true as const,
      required,
      recoveryCodesLeft: countUnusedRecoveryCodes(db, user.id),
    }
  const setup = startTotpSetup(db, user.id, user.email)
  // An inline data: image: the secret never leaves this response.
  const qrCode = await QRCode.toDataURL(setup.uri, { margin: 1, width: 220 })
  return { enabled: false as const, required, secret: setup.secret, qrCode }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requireUser(request, context)
  const parsed = ActionSchema.safeParse(
    Object.fromEntries(await readForm(request, session)),
  )
  if (!parsed.success)
    return data({ error: 'The form was not complete.' }, { status: 400 })
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
    route: '/account/two-factor',
    userId: user.id,
  }
  const input = parsed.data

  if (input.intent === 'enable') {
    if (user.totpEnabledAt)
      return data({ error: 'Two-factor is already on.' }, { status: 409 })
    if (!checkTotpCode(db, user.id, input.code))
      return data(
        { error: 'That code is not right. Check the time on your phone.' },
        { status: 400 },
      )
    const recoveryCodes = enableTotp(db, actor)
    logSecurityEvent('two_factor_enabled', 'success', log)
    return { recoveryCodes }
  }

  if (!(await verifyUserPassword(db, user.id, input.password))) {
    logSecurityEvent('two_factor_change_failed', 'failure', log, {
      intent: input.intent,
    })
    return data(
      { error: 'This is not your current password.' },
      { status: 400 },
    )
  }
  if (input.intent === 'regenerate-codes') {
    const recoveryCodes = regenerateRecoveryCodes(db, actor)
    logSecurityEvent('recovery_codes_replaced', 'success', log)
    return { recoveryCodes }
  }
  if (
    mustSetUpTwoFactor(
      { ...user, totpEnabledAt: null },
      getRequiredTwoFactorRoles(db),
    )
  )
    return data(
      {
        error: 'Two-factor is required for your role and cannot be turned off.',
      },
      { status: 403 },
    )
  disableTotp(db, actor, user.id)
  logSecurityEvent('two_factor_disabled', 'success', log)
  return { recoveryCodes: null }
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section
      aria-labelledby="codes-heading"
      className="mt-4 rounded border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id="codes-heading" className="text-lg font-semibold">
        Your recovery codes
      </h2>
      <p className="mt-1 text-sm">
        Each code signs you in once if you lose your phone. Keep them somewhere
        safe now: they will not be shown again.
      </p>
      <ul
        aria-label="Recovery codes"
        className="mt-3 grid grid-cols-2 gap-2 font-mono sm:grid-cols-5"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </section>
  )
}

/** One password check serves both changes: which button was pressed decides. */
function ChangeForm({ required }: { required: boolean }) {
  return (
    <Form
      method="post"
      className="mt-3 flex max-w-md flex-col gap-3"
      noValidate
    >
      <CsrfInput />
      <Field
        label="Current password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="intent"
          value="regenerate-codes"
          className={buttonClass}
        >
          Replace recovery codes
        </button>
        {required ? null : (
          <button
            type="submit"
            name="intent"
            value="disable"
            className="rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
          >
            Turn off two-factor
          </button>
        )}
      </div>
    </Form>
  )
}

export default function TwoFactor() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const codes =
    actionData && 'recoveryCodes' in actionData
      ? actionData.recoveryCodes
      : null
  const error = actionData && 'error' in actionData ? actionData.error : null
  return (
    <div>
      <h1 className="text-2xl font-semibold">Two-factor sign-in</h1>
      <AccountNav />
      {loaderData.required && !loaderData.enabled ? (
        <p
          role="alert"
          className="mt-4 rounded bg-amber-50 p-3 text-sm text-amber-950"
        >
          Your role must use two-factor sign-in. Set it up to continue.
        </p>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="mt-4 rounded bg-red-50 p-3 text-sm text-red-900"
        >
          {error}
        </p>
      ) : null}
      {codes ? <RecoveryCodes codes={codes} /> : null}
      {loaderData.enabled ? (
        <section className="mt-4">
          <p>
            Two-factor sign-in is <strong>on</strong>. You have{' '}
            {loaderData.recoveryCodesLeft} unused recovery codes.
          </p>
          <h2 className="mt-4 text-lg font-semibold">Change</h2>
          <ChangeForm required={loaderData.required} />
        </section>
      ) : (
        <section className="mt-4 flex flex-col gap-4 sm:flex-row">
          <img
            src={loaderData.qrCode}
            alt="QR code to add Clearance to an authenticator app"
            width={220}
            height={220}
            className="rounded border border-slate-200"
          />
          <div>
            <p>Scan the code with an authenticator app, or enter this key:</p>
            <p className="mt-1 break-all font-mono" data-testid="totp-secret">
              {loaderData.secret}
            </p>
            <Form
              method="post"
              className="mt-4 flex max-w-xs flex-col gap-3"
              noValidate
            >
              <CsrfInput />
              <input type="hidden" name="intent" value="enable" />
              <Field
                label="Code from the app"
                name="code"
                autoComplete="one-time-code"
                inputMode="numeric"
                required
              />
              <button type="submit" className={buttonClass}>
                Turn on two-factor
              </button>
            </Form>
          </div>
        </section>
      )}
    </div>
  )
}
