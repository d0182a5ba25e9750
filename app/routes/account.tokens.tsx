import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { AccountNav } from '~/components/account-nav'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass, Field } from '~/components/field'
import { TokenTable } from '~/components/token-table'
import { API_SCOPE_DESCRIPTIONS, API_SCOPES } from '~/domain/api-scopes'
import {
  endOfDay,
  latestTokenExpiry,
  tokenFormSchema,
} from '~/domain/token-form'
import {
  createApiTokenAudited,
  revokeApiTokenAudited,
} from '~/models/account-admin.server'
import { listApiTokens } from '~/models/api-token.server'
import { requirePermission } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'API tokens · Clearance' }]

type FieldErrors = Partial<Record<'name' | 'scopes' | 'expiresOn', string[]>>

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requirePermission(request, 'manage:own-tokens', context)

  const today = new Date()
  return {
    tokens: listApiTokens(getDb(), user.id),
    defaultExpiry: new Date(today.getTime() + 90 * 86_400_000)
      .toISOString()
      .slice(0, 10),
    latestExpiry: latestTokenExpiry(today),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requirePermission(
    request,
    'manage:own-tokens',
    context,
  )
  const form = await readForm(request, session)
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
    route: '/account/tokens',
    userId: user.id,
  }

  if (form.get('intent') === 'revoke') {
    const tokenId = z.coerce
      .number()
      .int()
      .positive()
      .safeParse(form.get('tokenId'))
    // Only the caller's own tokens: someone else's id revokes nothing.
    const revoked =
      tokenId.success && revokeApiTokenAudited(db, actor, tokenId.data, user.id)
    logSecurityEvent(
      'api_token_revoked',
      revoked ? 'success' : 'failure',
      log,
      {
        tokenId: tokenId.data,
      },
    )
    return { created: null, fieldErrors: {} as FieldErrors, values: null }
  }

  const values = {
    name: String(form.get('name') ?? ''),
    scopes: form.getAll('scopes').map(String),
    expiresOn: String(form.get('expiresOn') ?? ''),
  }
  const parsed = tokenFormSchema(new Date()).safeParse(values)
  if (!parsed.success) {
    const fieldErrors: FieldErrors = z.flattenError(parsed.error).fieldErrors
    return data({ created: null, fieldErrors, values }, { status: 400 })
  }

  const token = createApiTokenAudited(db, actor, {
    userId: user.id,
    name: parsed.data.name,
    scopes: parsed.data.scopes,
    expiresAt: endOfDay(parsed.data.expiresOn),
  })
  logSecurityEvent('api_token_created', 'success', log, {
    tokenId: token.id,
    scopes: parsed.data.scopes,
  })
  return {
    created: { name: parsed.data.name, secret: token.secret },
    fieldErrors: {} as FieldErrors,
    values: null,
  }
}

export default function AccountTokens() {
  const { tokens, defaultExpiry, latestExpiry } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.fieldErrors ?? {}
  const values = actionData?.values
  return (
    <div>
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <AccountNav />
      {actionData?.created ? (
        <section
          aria-labelledby="new-token-heading"
          className="mt-4 rounded border border-amber-300 bg-amber-50 p-4"
        >
          <h2 id="new-token-heading" className="text-lg font-semibold">
            Token “{actionData.created.name}” created
          </h2>
          <p className="mt-1 text-sm">
            Copy it now: it is shown only this once.
          </p>
          <p className="mt-2 break-all font-mono" data-testid="new-token">
            {actionData.created.secret}
          </p>
        </section>
      ) : null}

      <h2 className="mt-6 text-lg font-semibold">Your tokens</h2>
      <TokenTable tokens={tokens} />

      <section
        aria-labelledby="create-heading"
        className="mt-6 max-w-xl rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="create-heading" className="text-lg font-semibold">
          Create a token
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          A token acts as you: it never reaches more than your role and
          memberships allow, whatever its scopes.
        </p>
        <Form method="post" className="mt-3 flex flex-col gap-4" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <Field
            label="Name"
            name="name"
            required
            defaultValue={values?.name}
            error={errors.name?.[0]}
          />
          <fieldset
            aria-describedby={errors.scopes ? 'scopes-error' : undefined}
          >
            <legend className="text-sm font-medium text-slate-800">
              Scopes
            </legend>
            <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
              {API_SCOPES.map((scope) => (
                <label key={scope} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="scopes"
                    value={scope}
                    defaultChecked={values?.scopes.includes(scope)}
                    className="mt-1"
                  />
                  <span>
                    <span className="font-mono">{scope}</span>:{' '}
                    {API_SCOPE_DESCRIPTIONS[scope]}
                  </span>
                </label>
              ))}
            </div>
            {errors.scopes ? (
              <p id="scopes-error" className="text-sm text-red-800">
                {errors.scopes[0]}
              </p>
            ) : null}
          </fieldset>
          <Field
            label="Expires on (UTC)"
            name="expiresOn"
            type="date"
            required
            max={latestExpiry}
            defaultValue={values?.expiresOn ?? defaultExpiry}
            error={errors.expiresOn?.[0]}
          />
          <button type="submit" className={buttonClass}>
            Create token
          </button>
        </Form>
      </section>
    </div>
  )
}
